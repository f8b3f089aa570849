# A picture of an engine state, painted from the data rf-tool writes
# (fuzzers/picture.c lays it out; fuzzers/picture.h says why gnuplot).
# Run by scripts/reproduce --picture as:
#   gnuplot -e "data='DATA'; out='OUT.png'" fuzzers/picture.gp
#
# The data places everything in pixels from the top left: pic_width and
# pic_height, the datablock $shapes ("kind x0 y0 x1 y1 migratetype") and the
# text as 'set label' commands in the styles below.  This script only chooses
# how things look.

if (!exists("data") || !exists("out")) {
	print "usage: gnuplot -e \"data='DATA'; out='OUT.png'\" fuzzers/picture.gp"
	exit status 2
}

# The consolidation study's zone-map colours (study/plots.gp), by
# migratetype: UNMOVABLE RECLAIMABLE MOVABLE RESERVE ISOLATE.
pale = "0xf6c9c6 0xfbe3a6 0xe3eef8 0xe3d7ef 0xd9d9d9"
dark = "0xc0392b 0xe69f00 0x1f5fa8 0x6a3d9a 0x000000"
ra_colour = "#2ca02c"
fail_colour = "#e8000b"
frame_colour = "#a0a0a0"

# Text styles the data's labels name.
f_title = ":Bold,13"; ink_title = "#000000"
f_head = ":Bold,10"; ink_head = "#000000"
f_text = ",9"; ink_text = "#202020"
f_small = ",7.5"; ink_small = "#505050"

load data

set terminal pngcairo size pic_width,pic_height font ",9" background "#ffffff"
set output out
set lmargin at screen 0
set rmargin at screen 1
set tmargin at screen 1
set bmargin at screen 0
set xrange [0:pic_width]
set yrange [pic_height:0]
unset border
unset tics
unset key

# Shape kinds (picture.c's enum shape).
CELL = 0; FREE = 1; USED = 2; RA = 3; BORDER = 4; FAIL = 5; FAIL_MARK = 6
is(k) = int(column(1)) == k
colour(k, mt) = k == CELL || mt < 0 ? 0xffffff : word(k == FREE ? pale : dark, int(mt) + 1) + 0
# A box of kind k as boxxyerror reads it (x:y:xlow:xhigh:ylow:yhigh), or nothing.
bx(k) = is(k) ? (column(2) + column(4)) / 2 : NaN
by = '((column(3) + column(5)) / 2):2:4:3:5'

plot $shapes using (bx(CELL)):@by:(colour(CELL, 0)) \
		with boxxyerror fs solid 1 noborder lc rgb variable, \
     $shapes using (bx(FREE)):@by:(colour(FREE, column(6))) \
		with boxxyerror fs solid 1 noborder lc rgb variable, \
     $shapes using (bx(USED)):@by:(colour(USED, column(6))) \
		with boxxyerror fs solid 1 noborder lc rgb variable, \
     $shapes using (bx(CELL)):@by with boxxyerror fs empty lw 0.6 lc rgb frame_colour, \
     $shapes using (bx(RA)):@by with boxxyerror fs transparent pattern 5 noborder lc rgb ra_colour, \
     $shapes using (is(BORDER) ? column(2) : NaN):3:($4 - $2):($5 - $3) \
		with vectors nohead lw 2.5 lc rgb "#000000", \
     $shapes using (is(FAIL) ? column(2) : NaN):3:($4 - $2):($5 - $3) \
		with vectors nohead lw 2 lc rgb fail_colour, \
     $shapes using (is(FAIL_MARK) ? column(2) : NaN):3 with points pt 11 ps 1.4 lc rgb fail_colour
unset output
