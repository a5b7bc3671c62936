# Made by buslab plot (docs/analysis.md). Edit it at will; `gnuplot p99-vs-servers.gp` in this folder draws it again.
# data: servers/summary.csv, a sweep's summary (mean, 95% interval)

# direct
$p1l1 << EOD
3 63.43749728 52.99457763 73.88041693
4 45.55590243 40.60844275 50.5033621
6 38.49430998 34.54206036 42.44655961
8 38.1177117 34.80883215 41.42659125
12 36.77521452 33.80973666 39.74069238
16 37.42175913 36.482611 38.36090726
EOD
# brokered
$p1l2 << EOD
3 59.41491383 54.68710862 64.14271904
4 40.4884974 37.67664568 43.30034913
6 37.37539904 34.69678714 40.05401094
8 37.67591428 34.07029722 41.28153134
12 36.84066207 34.161515 39.51980914
16 37.53610613 36.87059738 38.20161488
EOD

set encoding utf8
set datafile missing "NaN"
set xlabel "servers (replicas of compute, a host each)"
set ylabel "latency p99 (ms)"
set grid lc rgb "#dddddd"
set border 3
set tics nomirror out
set key outside right top vertical Left reverse noautotitle
set yrange [0:*]
set xtics (3, 4, 6, 8, 12, 16)
set xrange [2.35:16.65]
set linetype 1 lc rgb "#0072B2" lw 2 pt 7 ps 0.8 dashtype 1
set linetype 2 lc rgb "#D55E00" lw 2 pt 7 ps 0.8 dashtype 1

set terminal pngcairo size 960,540 font "Sans,11" noenhanced background "white"
set output "p99-vs-servers.png"
  set title "latency p99 of client api/compute.add against services[0].replicas\nmean of 3 seeds, bars: 95% confidence interval"
  plot $p1l1 using 1:2:3:4 with yerrorlines lt 1 title "direct", \
       $p1l2 using 1:2:3:4 with yerrorlines lt 2 title "brokered"
unset output
