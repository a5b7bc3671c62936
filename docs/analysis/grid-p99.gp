# Made by buslab plot (docs/analysis.md). Edit it at will; `gnuplot grid-p99.gp` in this folder draws it again.
# data: grid/summary.csv, a sweep's summary (mean, 95% interval)

# consumers[0].prefetch=1
$p1l1 << EOD
0 0.003259008087 0.002663567653 0.003854448522
1 0.006735242242 0.006102621566 0.007367862918
2 0.01143832171 0.009375634058 0.01350100937
3 0.02389983743 0.02042856624 0.02737110862
EOD
# consumers[0].prefetch=10
$p1l2 << EOD
0 0.003013498911 0.002468997588 0.003558000234
1 0.008293665269 0.006939165129 0.009648165409
2 0.03573824952 0.0173052669 0.05417123215
3 0.09997573864 0.09993961953 0.1000118577
EOD
# consumers[0].prefetch=0
$p1l3 << EOD
0 0.003013498911 0.002468997588 0.003558000234
1 0.008293665269 0.006939165129 0.009648165409
2 0.03573824952 0.0173052669 0.05417123215
3 4.863663216 4.685631462 5.041694971
EOD

set encoding utf8
set datafile missing "NaN"
set xlabel "slow consumers' time per message"
set ylabel "latency p99 (s)"
set grid lc rgb "#dddddd"
set border 3
set tics nomirror out
set key outside right top vertical Left reverse noautotitle
set logscale y
set xtics ("2ms" 0, "4ms" 1, "6ms" 2, "10ms" 3)
set xrange [-0.5:3.5]
set linetype 1 lc rgb "#0072B2" lw 2 pt 7 ps 0.8 dashtype 1
set linetype 2 lc rgb "#D55E00" lw 2 pt 7 ps 0.8 dashtype 1
set linetype 3 lc rgb "#009E73" lw 2 pt 7 ps 0.8 dashtype 1

set terminal pngcairo size 960,540 font "Sans,11" noenhanced background "white"
set output "grid-p99.png"
  set title "latency p99 of consumer slow-1 against consumers[1].processing_time\nmean of 3 seeds, bars: 95% confidence interval"
  plot $p1l1 using 1:2:3:4 with yerrorlines lt 1 title "consumers[0].prefetch=1", \
       $p1l2 using 1:2:3:4 with yerrorlines lt 2 title "consumers[0].prefetch=10", \
       $p1l3 using 1:2:3:4 with yerrorlines lt 3 title "consumers[0].prefetch=0"
unset output
