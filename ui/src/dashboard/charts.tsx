// Chart.js wrappers. Only the controllers and elements used are registered, so the bundle stays small.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);
// No animation: charts appear at once and screenshots are deterministic.
Chart.defaults.animation = false;
Chart.defaults.font.family = 'system-ui, sans-serif';

const COLOR = '#1f6f8b';

function useChart(config: () => ConstructorParameters<typeof Chart>[1], deps: unknown[]) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = new Chart(ref.current, config());
    return () => chart.destroy();
    // The caller lists the data the chart depends on.
  }, deps);
  return ref;
}

/** A line of counts over time. */
export function LineChart({ title, points }: { title: string; points: { label: string; value: number }[] }) {
  const ref = useChart(
    () => ({
      type: 'line',
      data: {
        labels: points.map((p) => p.label),
        datasets: [{ label: title, data: points.map((p) => p.value), borderColor: COLOR, backgroundColor: COLOR }],
      },
      options: { maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    }),
    [JSON.stringify(points)],
  );
  return <ChartCard title={title} canvas={ref} summary={points.map((p) => `${p.label}: ${p.value}`).join(', ')} />;
}

/** Bars of counts per category. */
export function BarChart(props: { title: string; items: { label: string; value: number }[]; horizontal?: boolean }) {
  const { title, items, horizontal } = props;
  const ref = useChart(
    () => ({
      type: 'bar',
      data: {
        labels: items.map((p) => p.label),
        datasets: [{ label: title, data: items.map((p) => p.value), backgroundColor: COLOR }],
      },
      options: {
        maintainAspectRatio: false,
        indexAxis: horizontal ? 'y' : 'x',
        scales: { [horizontal ? 'x' : 'y']: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    }),
    [JSON.stringify(items), horizontal],
  );
  return <ChartCard title={title} canvas={ref} summary={items.map((p) => `${p.label}: ${p.value}`).join(', ')} />;
}

function ChartCard({
  title,
  canvas,
  summary,
}: {
  title: string;
  canvas: preact.RefObject<HTMLCanvasElement>;
  summary: string;
}) {
  return (
    <figure class="card chart">
      <figcaption>{title}</figcaption>
      <div class="chart-box">
        <canvas ref={canvas} role="img" aria-label={`${title}. ${summary}`} />
      </div>
    </figure>
  );
}
