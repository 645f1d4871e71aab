// Draws every chart the page describes in a JSON script element; the same numbers are in the page's tables.
(function () {
  'use strict';
  var palette = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];
  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    var spec = JSON.parse(document.getElementById(canvas.dataset.chart).textContent);
    new Chart(canvas, {
      type: spec.kind,
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (series, i) {
          var color = series.dashed ? '#6b7280' : palette[i % palette.length];
          return {
            label: series.label,
            data: series.values,
            borderColor: color,
            backgroundColor: spec.kind === 'bar' ? color : color + '33',
            borderDash: series.dashed ? [6, 4] : [],
            pointRadius: 2,
            tension: 0
          };
        })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { title: { display: true, text: spec.xAxisTitle } },
          y: { beginAtZero: true, title: { display: true, text: spec.yAxisTitle }, ticks: { precision: 0 } }
        },
        plugins: { legend: { position: 'bottom' } }
      }
    });
    canvas.dataset.chartReady = 'true';
  });
})();
