# Made by buslab plot (docs/analysis.md). Edit it at will; `gnuplot grid-handled.gp` in this folder draws it again.
# data: grid/summary.csv, a sweep's summary (mean, 95% interval)

# consumers[0].prefetch = 1: fast-1
$p1l1 << EOD
0 1491 1469.775518 1512.224482
1 1786.333333 1776.29381 1796.372856
2 2297.666667 2232.303469 2363.029864
3 3274.333333 3201.937303 3346.729364
EOD
# consumers[0].prefetch = 1: slow-1
$p1l2 << EOD
0 1491 1469.775518 1512.224482
1 1421.333333 1397.463196 1445.203471
2 1250 1237.579311 1262.420689
3 905.3333333 891.6517696 919.014897
EOD
# consumers[0].prefetch = 1: slow-2
$p1l3 << EOD
0 1490.333333 1469.205989 1511.460678
1 1396.666667 1376.587621 1416.745713
2 1228 1215.579311 1240.420689
3 898 891.4275894 904.5724106
EOD
# consumers[0].prefetch = 1: slow-3
$p1l4 << EOD
0 1490 1468.775518 1511.224482
1 1358 1324.579345 1391.420655
2 1186.666667 1167.857079 1205.476254
3 884.6666667 881.7982315 887.5351018
EOD
# consumers[0].prefetch = 10: fast-1
$p2l1 << EOD
0 1491 1469.775518 1512.224482
1 1491 1469.775518 1512.224482
2 1491 1469.775518 1512.224482
3 2936 2853.573032 3018.426968
EOD
# consumers[0].prefetch = 10: slow-1
$p2l2 << EOD
0 1491 1469.775518 1512.224482
1 1491 1469.775518 1512.224482
2 1491 1469.775518 1512.224482
3 1009 1009 1009
EOD
# consumers[0].prefetch = 10: slow-2
$p2l3 << EOD
0 1490.333333 1469.205989 1511.460678
1 1490.333333 1469.205989 1511.460678
2 1490.333333 1469.205989 1511.460678
3 1008.666667 1007.232449 1010.100884
EOD
# consumers[0].prefetch = 10: slow-3
$p2l4 << EOD
0 1490 1468.775518 1511.224482
1 1490 1468.775518 1511.224482
2 1490 1468.775518 1511.224482
3 1008.666667 1007.232449 1010.100884
EOD
# consumers[0].prefetch = 0: fast-1
$p3l1 << EOD
0 1491 1469.775518 1512.224482
1 1491 1469.775518 1512.224482
2 1491 1469.775518 1512.224482
3 1491 1469.775518 1512.224482
EOD
# consumers[0].prefetch = 0: slow-1
$p3l2 << EOD
0 1491 1469.775518 1512.224482
1 1491 1469.775518 1512.224482
2 1491 1469.775518 1512.224482
3 1491 1469.775518 1512.224482
EOD
# consumers[0].prefetch = 0: slow-2
$p3l3 << EOD
0 1490.333333 1469.205989 1511.460678
1 1490.333333 1469.205989 1511.460678
2 1490.333333 1469.205989 1511.460678
3 1490.333333 1469.205989 1511.460678
EOD
# consumers[0].prefetch = 0: slow-3
$p3l4 << EOD
0 1490 1468.775518 1511.224482
1 1490 1468.775518 1511.224482
2 1490 1468.775518 1511.224482
3 1490 1468.775518 1511.224482
EOD

set encoding utf8
set datafile missing "NaN"
set xlabel "slow consumers' time per message"
set ylabel "handled"
set grid lc rgb "#dddddd"
set border 3
set tics nomirror out
set key outside right top vertical Left reverse noautotitle
set yrange [0:3514.065832]
set xtics ("2ms" 0, "4ms" 1, "6ms" 2, "10ms" 3)
set xrange [-0.5:3.5]
set linetype 1 lc rgb "#0072B2" lw 2 pt 7 ps 0.8 dashtype 1
set linetype 2 lc rgb "#D55E00" lw 2 pt 7 ps 0.8 dashtype 1
set linetype 3 lc rgb "#009E73" lw 2 pt 7 ps 0.8 dashtype 1
set linetype 4 lc rgb "#CC79A7" lw 2 pt 7 ps 0.8 dashtype 1

set terminal pngcairo size 960,980 font "Sans,11" noenhanced background "white"
set output "grid-handled.png"
set multiplot layout 3,1 title "handled per consumer against consumers[1].processing_time\nmean of 3 seeds, bars: 95% confidence interval"
  set title "consumers[0].prefetch = 1"
  plot $p1l1 using 1:2:3:4 with yerrorlines lt 1 title "fast-1", \
       $p1l2 using 1:2:3:4 with yerrorlines lt 2 title "slow-1", \
       $p1l3 using 1:2:3:4 with yerrorlines lt 3 title "slow-2", \
       $p1l4 using 1:2:3:4 with yerrorlines lt 4 title "slow-3"
  set title "consumers[0].prefetch = 10"
  plot $p2l1 using 1:2:3:4 with yerrorlines lt 1 title "fast-1", \
       $p2l2 using 1:2:3:4 with yerrorlines lt 2 title "slow-1", \
       $p2l3 using 1:2:3:4 with yerrorlines lt 3 title "slow-2", \
       $p2l4 using 1:2:3:4 with yerrorlines lt 4 title "slow-3"
  set title "consumers[0].prefetch = 0"
  plot $p3l1 using 1:2:3:4 with yerrorlines lt 1 title "fast-1", \
       $p3l2 using 1:2:3:4 with yerrorlines lt 2 title "slow-1", \
       $p3l3 using 1:2:3:4 with yerrorlines lt 3 title "slow-2", \
       $p3l4 using 1:2:3:4 with yerrorlines lt 4 title "slow-3"
unset multiplot
unset output
