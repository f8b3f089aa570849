# The pictures of a fuzzing run, drawn from the samples scripts/fuzz takes
# every few seconds (rf_progress_sampler in common.sh):
#
#   gnuplot -c progress.gp TSV OUTDIR TITLE HAS_FEATURES
#
# TSV has a header line, then one sample a line, tab-separated: seconds,
# execs, exec/s, edges, features ('-' under AFL++), corpus inputs, crash
# files.  Writes OUTDIR/coverage.png, OUTDIR/speed.png and OUTDIR/corpus.png.

tsv = ARG1
out = ARG2
run = ARG3
has_features = ARG4 + 0

set datafile separator tab
set datafile missing '-'
set datafile columnheaders
set terminal pngcairo size 900,480 font 'sans,10'
set grid
set key below

# Runs of hours read better in minutes.
stats tsv using 1 nooutput
scale = STATS_max > 1200 ? 60.0 : 1.0
set xlabel sprintf('time since the start (%s)', scale > 1 ? 'min' : 's')
# Points mark each sample while there are few enough to see them apart.
style = STATS_records > 60 ? 'lines' : 'linespoints'
stats tsv using 3 nooutput
rate_max = STATS_max
stats tsv using 7 nooutput
crashes_max = STATS_max
# A count that hardly moved (AFL++'s edges over a short run) gets a range of
# at least 10 around it, not one of fractions.
stats tsv using 4 nooutput
edges_lo = STATS_min
edges_hi = STATS_max
if (has_features) {
	stats tsv using 5 nooutput
	features_lo = STATS_min
	features_hi = STATS_max
}
# (stats keeps to the ranges set: all of it comes before the first.)
set xrange [0:*]
# Room on the right: the last sample is not drawn on the border.
set offsets 0, graph 0.03, 0, 0
set format y '%.0f'
set format y2 '%.0f'

set output out . '/coverage.png'
set title run . ': coverage over time' noenhanced
set ylabel 'edges covered (count)'
set ytics nomirror
if (edges_hi - edges_lo < 10) {
	set yrange [edges_lo - 5 + (edges_hi - edges_lo) / 2.0 : edges_lo + 5 + (edges_hi - edges_lo) / 2.0]
}
if (has_features) {
	if (features_hi - features_lo < 10) {
		set y2range [features_lo - 5 + (features_hi - features_lo) / 2.0 : features_lo + 5 + (features_hi - features_lo) / 2.0]
	}
	set y2label 'coverage features (count)'
	set y2tics
	plot tsv using ($1 / scale):4 with @style lw 2 pt 7 ps 0.6 title 'edges (left axis)', \
	     tsv using ($1 / scale):5 axes x1y2 with @style lw 2 pt 5 ps 0.6 title 'features (right axis)'
} else {
	unset y2label
	unset y2tics
	plot tsv using ($1 / scale):4 with @style lw 2 pt 7 ps 0.6 title 'edges'
}

set output out . '/speed.png'
set title run . ': speed over time' noenhanced
set ylabel 'executions per second (1/s)'
set yrange [0:rate_max * 1.15 + 1]
set y2label 'executions since the start (count)'
set y2tics
set y2range [0:*]
plot tsv using ($1 / scale):3 with @style lw 2 pt 7 ps 0.6 title 'exec/s, all workers (left axis)', \
     tsv using ($1 / scale):2 axes x1y2 with @style lw 2 pt 5 ps 0.6 title 'executions (right axis)'

set output out . '/corpus.png'
set title run . ': corpus and crashes over time' noenhanced
set ylabel 'corpus (inputs)'
set y2label 'crash files (count)'
set yrange [0:*]
# The crash line a little above the time axis, to be seen when it is 0.
set y2range [-0.03 * (crashes_max > 0 ? crashes_max * 1.15 : 1) : crashes_max > 0 ? crashes_max * 1.15 : 1]
set y2tics 0, (crashes_max > 10 ? int(crashes_max / 5) : 1)
plot tsv using ($1 / scale):6 with @style lw 2 pt 7 ps 0.6 title 'corpus inputs (left axis)', \
     tsv using ($1 / scale):7 axes x1y2 with steps lw 2 title 'crash files (right axis)'
