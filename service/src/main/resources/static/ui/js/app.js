// TwinLedger web UI: progressive enhancement only. Every page reads without this file; it adds
// the CSRF header to htmx requests and draws charts from the tables already on the page.
(function () {
  "use strict";

  function meta(name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.getAttribute("content") : null;
  }

  // htmx requests that change something carry the session's CSRF token, as forms do.
  document.addEventListener("htmx:configRequest", function (event) {
    var header = meta("csrf-header");
    var token = meta("csrf-token");
    if (header && token) {
      event.detail.headers[header] = token;
    }
  });

  // A chart is drawn from a table: <figure data-chart="line|bar" data-table="ID">. The first
  // column labels the x axis; every other column whose header has data-series is a series, read
  // from the cells' <data value="..."> (exact values, not the formatted text). Thresholds come
  // from data-thresholds, a JSON list of {name, value}. The table stays: the chart adds to it.
  function readTable(table) {
    var headers = Array.prototype.slice.call(table.querySelectorAll("thead th"));
    var series = [];
    headers.forEach(function (th, column) {
      if (th.hasAttribute("data-series")) {
        series.push({ name: th.textContent.trim(), column: column, data: [] });
      }
    });
    var labels = [];
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var cells = row.children;
      labels.push(cells[0].textContent.trim());
      series.forEach(function (s) {
        var value = cells[s.column] && cells[s.column].querySelector("data");
        s.data.push(value && value.value !== "" ? Number(value.value) : null);
      });
    });
    return { labels: labels, series: series };
  }

  function draw(figure) {
    var table = document.getElementById(figure.getAttribute("data-table"));
    if (!table || !window.echarts) {
      return;
    }
    var data = readTable(table);
    var kind = figure.getAttribute("data-chart");
    var thresholds = JSON.parse(figure.getAttribute("data-thresholds") || "[]");
    var canvas = figure.querySelector(".chart-canvas");
    if (!canvas) {
      canvas = document.createElement("div");
      canvas.className = "chart-canvas";
      canvas.setAttribute("aria-hidden", "true");
      figure.insertBefore(canvas, figure.firstChild);
    }
    var chart = window.echarts.getInstanceByDom(canvas) || window.echarts.init(canvas);
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 56, right: 24, top: 32, bottom: 40 },
      xAxis: { type: "category", data: data.labels },
      // The axis reaches the thresholds too, so a level far from the values is still drawn.
      yAxis: {
        type: "value",
        scale: kind !== "bar",
        min: thresholds.length
          ? function (extent) { return Math.min(extent.min, lowest(thresholds)); }
          : null,
        max: thresholds.length
          ? function (extent) { return Math.max(extent.max, highest(thresholds)); }
          : null,
      },
      series: data.series.map(function (s, index) {
        return {
          name: s.name,
          type: kind === "bar" ? "bar" : "line",
          data: s.data,
          connectNulls: false,
          markLine: index === 0 && thresholds.length
            ? {
                symbol: "none",
                label: { formatter: "{b}" },
                data: thresholds.map(function (t) {
                  return { name: t.name, yAxis: Number(t.value) };
                }),
              }
            : undefined,
        };
      }),
    }, true);
  }

  function lowest(thresholds) {
    return Math.min.apply(null, thresholds.map(function (t) { return Number(t.value); }));
  }

  function highest(thresholds) {
    return Math.max.apply(null, thresholds.map(function (t) { return Number(t.value); }));
  }

  function drawAll(root) {
    var figures = (root || document).querySelectorAll("figure[data-chart]");
    if (!figures.length) {
      return;
    }
    if (window.echarts) {
      figures.forEach(draw);
      return;
    }
    // ECharts is large, so it is loaded only on pages that draw a chart.
    var script = document.createElement("script");
    script.src = meta("echarts-src") || "/webjars/echarts/dist/echarts.min.js";
    script.onload = function () {
      document.querySelectorAll("figure[data-chart]").forEach(draw);
    };
    document.head.appendChild(script);
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawAll(document);
  });
  // Tables replaced or extended by htmx (live updates, a new risk run) redraw their charts.
  document.addEventListener("htmx:afterSettle", function (event) {
    drawAll(event.target.closest ? event.target.closest("main") || document : document);
  });
})();
