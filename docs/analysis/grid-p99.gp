# Made by buslab plot (docs/analysis.md). Edit it at will; `gnuplot grid-p99.gp` in this folder draws it again.
# data: grid/summary.csv, a sweep's summary (mean, 95% interval)

# consumers[0].prefetch=1
$p1l1 << EOD
0 0.003231137179 0.002654848348 0.00380742601
1 0.006704587029 0.006093107944 0.007316066113
2 0.01133068337 0.009121670658 0.01353969608
3 0.02339972551 0.0202434318 0.02655601921
EOD
# consumers[0].prefetch=10
$p1l2 << EOD
0 0.003009346139 0.002464844816 0.003553847462
1 0.008289512497 0.006935012357 0.009644012637
2 0.03573410819 0.01730110196 0.05416711442
3 0.0999900497 0.09997765739 0.100002442
EOD
# consumers[0].prefetch=0
$p1l3 << EOD
0 0.003009346139 0.002464844816 0.003553847462
1 0.008289512497 0.006935012357 0.009644012637
2 0.03573410819 0.01730110196 0.05416711442
3 4.863659063 4.685627309 5.041690818
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
