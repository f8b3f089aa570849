# The consolidation study's plots, from the CSV files rf-study writes.
# Run by scripts/study as:  gnuplot -e "dir='OUT'; about='...'" study/plots.gp
#
#   timeline.png  fully free regions through the ebizzy-like runs, both modes
#   sweep.png     referenced regions against the physical minimum across the
#                 utilization sweep, and the huge-page probe at each level
#   zonemap.png   every region as a row of pageblocks coloured by migratetype,
#                 at the end of the churn, both modes side by side
#
# A plot whose data file is missing (--only, --mode) is skipped.

if (!exists("dir")) dir = "study-out"
if (!exists("about")) about = ""

set datafile separator ","
set terminal pngcairo size 900,520 font ",10"
exists_file(f) = system("test -s '".f."' && echo 1 || echo 0") + 0

vanilla_colour = "#d62728"
v4_colour = "#1f77b4"
is(mode, m) = strcol(1) eq m

# ---------------------------------------------------------------- timeline
f = dir."/timeline.csv"
if (exists_file(f)) {
	set output dir."/timeline.png"
	set title "Fully free regions through the ebizzy-like churn\n{/*0.8 ".about."}"
	set xlabel "time (runs of the load; every run ends with all its memory freed)"
	set ylabel "memory regions"
	set key below
	set grid
	set yrange [0:*]
	# The best any allocator could do: every region but the minimum free.
	plot f using (is(1, "vanilla") ? column("time") : NaN):(column("free_regions")) \
		with lines lw 2 lc rgb vanilla_colour title "vanilla: fully free regions", \
	     f using (is(1, "v4") ? column("time") : NaN):(column("free_regions")) \
		with lines lw 2 lc rgb v4_colour title "v4: fully free regions", \
	     f using (is(1, "vanilla") ? column("time") : NaN):(column("regions") - column("minimum")) \
		with lines lw 1 dt 2 lc rgb "#555555" title "regions minus the physical minimum"
	unset output
	reset
	set datafile separator ","
	set terminal pngcairo size 900,520 font ",10"
}

# ------------------------------------------------------------------- sweep
f = dir."/sweep.csv"
if (exists_file(f)) {
	set output dir."/sweep.png"
	set multiplot layout 1,2 title "Utilization sweep, measured with the load's memory in use\n{/*0.8 ".about."}"
	set grid
	set key top left box opaque
	set xlabel "memory in use (% of the pages)"
	set ylabel "memory regions"
	set xrange [0:100]
	set yrange [0:*]
	set title "referenced regions against the physical minimum"
	# x: the share of memory actually in use when the census was taken.
	inuse(m) = is(1, m) ? 100.0 * column("allocated") / (column("allocated") + column("free_pages")) : NaN
	plot f using (inuse("vanilla")):(column("referenced")) with linespoints lw 2 pt 7 \
		lc rgb vanilla_colour title "vanilla", \
	     f using (inuse("v4")):(column("referenced")) with linespoints lw 2 pt 5 \
		lc rgb v4_colour title "v4", \
	     f using (inuse("vanilla")):(column("minimum")) with linespoints lw 1 dt 2 pt 1 \
		lc rgb "#555555" title "physical minimum"
	set title "huge pages the free memory still holds"
	set ylabel "probe successes (% of attempts)"
	set yrange [0:105]
	set key bottom left box opaque
	po = system("awk -F, 'NR == 2 { print $(NF - 5) }' '".f."'")
	mo = system("awk -F, 'NR == 2 { print $(NF - 2) }' '".f."'")
	rate(a, s) = 100.0 * column(s) / column(a)
	plot f using (inuse("vanilla")):(rate("probe_attempts", "probe_successes")) \
		with linespoints lw 2 pt 7 lc rgb vanilla_colour title "vanilla, order ".po, \
	     f using (inuse("v4")):(rate("probe_attempts", "probe_successes")) \
		with linespoints lw 2 pt 5 lc rgb v4_colour title "v4, order ".po, \
	     f using (inuse("vanilla")):(rate("probe_max_attempts", "probe_max_successes")) \
		with linespoints lw 1 dt 2 pt 6 lc rgb vanilla_colour title "vanilla, order ".mo, \
	     f using (inuse("v4")):(rate("probe_max_attempts", "probe_max_successes")) \
		with linespoints lw 1 dt 2 pt 4 lc rgb v4_colour title "v4, order ".mo
	unset multiplot
	unset output
	reset
	set datafile separator ","
}

# ----------------------------------------------------------------- zone map
# A pageblock's colour is its migratetype, dark when it holds an allocated
# page, pale when all of it is free: code = migratetype * 2 + in use.
fv = dir."/zonemap-vanilla.csv"
f4 = dir."/zonemap-v4.csv"
if (exists_file(fv) || exists_file(f4)) {
	set terminal pngcairo size 900,640 font ",10"
	set output dir."/zonemap.png"
	set palette maxcolors 10
	set palette defined (0 "#f6c9c6", 1 "#c0392b", 2 "#fbe3a6", 3 "#e69f00", \
			     4 "#e3eef8", 5 "#1f5fa8", 6 "#e3d7ef", 7 "#6a3d9a", \
			     8 "#d9d9d9", 9 "#000000")
	set cbrange [-0.5:9.5]
	unset colorbox
	zf = exists_file(fv) ? fv : f4
	stats zf using "region" nooutput
	rows = STATS_max + 1
	stats zf using "pageblock" nooutput
	cols = STATS_max + 1
	set xrange [-0.5:cols - 0.5]
	# Region 0 at the top, as a memory map reads.
	set yrange [rows - 0.5:-0.5]
	set xlabel "pageblock within the region"
	set ylabel "memory region"
	set tics out
	set multiplot title "Zone map at the end of the churn: regions as rows of pageblocks\n{/*0.8 ".about."}"
	# Two maps side by side and a key below them.
	set size 0.5,0.80
	set origin 0,0.12
	set title "vanilla"
	if (exists_file(fv)) {
		plot fv using "pageblock":"region":(column("migratetype") * 2 + (column("allocated_pages") > 0)) \
			with image notitle
	}
	set origin 0.5,0.12
	set title "v4"
	if (exists_file(f4)) {
		plot f4 using "pageblock":"region":(column("migratetype") * 2 + (column("allocated_pages") > 0)) \
			with image notitle
	}
	# The key: one invisible plot whose only content is its legend.
	set size 1,0.14
	set origin 0,0
	unset title
	unset xlabel
	unset ylabel
	unset tics
	unset border
	set xrange [0:1]
	set yrange [0:1]
	set key center center horizontal maxrows 2 width 1
	plot NaN with boxes fs solid fc rgb "#c0392b" title "UNMOVABLE, in use", \
	     NaN with boxes fs solid fc rgb "#f6c9c6" title "UNMOVABLE, free", \
	     NaN with boxes fs solid fc rgb "#e69f00" title "RECLAIMABLE, in use", \
	     NaN with boxes fs solid fc rgb "#fbe3a6" title "RECLAIMABLE, free", \
	     NaN with boxes fs solid fc rgb "#1f5fa8" title "MOVABLE, in use", \
	     NaN with boxes fs solid fc rgb "#e3eef8" title "MOVABLE, free", \
	     NaN with boxes fs solid fc rgb "#6a3d9a" title "RESERVE, in use", \
	     NaN with boxes fs solid fc rgb "#e3d7ef" title "RESERVE, free"
	unset multiplot
	unset output
}
