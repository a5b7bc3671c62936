# Made by buslab plot (docs/analysis.md). Edit it at will; `gnuplot p99-vs-servers.gp` in this folder draws it again.
# data: servers/summary.csv, a sweep's summary (mean, 95% interval)

# direct
$p1l1 << EOD
3 63.40047224 52.97148733 73.82945715
4 45.53985309 40.60963226 50.47007392
6 38.49444588 34.53579152 42.45310024
8 38.11779771 34.81157679 41.42401862
12 36.77240739 33.79856516 39.74624963
16 37.41974557 36.48262401 38.35686712
EOD
# brokered
$p1l2 << EOD
3 67.75714155 61.70641997 73.80786314
4 42.492192 39.09120891 45.89317509
6 38.46319433 35.82921538 41.09717327
8 38.81005767 35.17734912 42.44276621
12 37.89202601 35.20029844 40.58375358
16 38.59255872 37.92562618 39.25949127
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
