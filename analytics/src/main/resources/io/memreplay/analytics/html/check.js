// Marks each chart with what the browser made of it, for people reading the page source and for the
// tests that open it in a headless browser: data-marks counts its data marks, data-painted those the
// layout gave a size, data-rendered is "yes" when some were painted (or "empty" for a chart without
// data). Nothing on the page depends on this script.
(function () {
  document.querySelectorAll('figure.chart').forEach(function (figure) {
    var marks = figure.querySelectorAll('svg .mark');
    var painted = 0;
    marks.forEach(function (mark) {
      var box = mark.getBBox();
      if (box.width > 0 || box.height > 0) {
        painted++;
      }
    });
    figure.setAttribute('data-marks', String(marks.length));
    figure.setAttribute('data-painted', String(painted));
    figure.setAttribute('data-rendered', figure.hasAttribute('data-empty') ? 'empty' : painted > 0 ? 'yes' : 'no');
  });
  document.body.setAttribute('data-checked', 'yes');
})();
