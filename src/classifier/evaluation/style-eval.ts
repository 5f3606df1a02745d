/**
 * The metrics of issue #11 on texts in citizens' styles: complaints routed to an agency of the right area,
 * share routed without review and how many of those are right, chatter opened as a complaint without
 * review, and complaints kept (not dismissed as chatter). Reported overall and per style.
 */
import type { LabelledExample } from '../runtime/corpus.js';
import type { Classifier } from '../types.js';

/** Areas used to score "an agency of the right area" (a rough grouping of responsibilities). */
export const AREAS: Readonly<Record<string, readonly string[]>> = {
  infrastructure: ['DPUTR', 'DISPERKIM', 'JALAN_NASIONAL'],
  environment: ['DLH'],
  transport: ['DISHUB', 'KAI', 'PELABUHAN'],
  health: ['DINKES', 'RSUD', 'BPJS'],
  education: ['DINDIKBUD', 'PROVINSI'],
  population: ['DISDUKCAPIL', 'KECAMATAN'],
  welfare: ['DINSOS', 'DP3AP2KB', 'SETDA_KESRA'],
  safety: ['SATPOLPP', 'POLRI', 'DARURAT', 'BPBD'],
  economy: ['DISNAKER', 'DPMPTSP', 'DISPERINDAG', 'BAPENDA', 'DKPP'],
  utilities: ['PLN', 'PDAM', 'PERTAMINA', 'TELEKOMUNIKASI', 'DISKOMINFO'],
  civilService: ['BKPSDM'],
  youthCulture: ['DISPORAPAR', 'DISPUSIP'],
  legalLand: ['SETDA_HUKUM', 'BPN'],
};

const AREA_OF = new Map(Object.entries(AREAS).flatMap(([area, labels]) => labels.map((l) => [l, area] as const)));

/** The area of a label (a label outside the table is its own area). */
export function areaOf(label: string): string {
  return AREA_OF.get(label) ?? label;
}

/** The metrics for one set of texts. */
export interface StyleMetrics {
  complaints: number;
  chatter: number;
  /** Complaints whose suggestion is in the right area (review or not). */
  rightArea: number;
  /** Complaints whose suggestion is exactly right. */
  exact: number;
  /** Complaints routed to an agency without review. */
  autoRouted: number;
  /** Of those, the share in the right area / exactly right. */
  autoRightArea: number;
  autoExact: number;
  /** Chatter opened as a complaint without review (an agency suggestion that skips review). */
  chatterOpened: number;
  /** Chatter dismissed without review. */
  chatterCaught: number;
  /** Complaints not dismissed as chatter. */
  complaintsKept: number;
}

const share = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

/** Computes the metrics for `examples` (the chatter label is BUKAN_ADUAN). */
export function styleMetrics(classifier: Classifier, examples: readonly LabelledExample[]): StyleMetrics {
  const results = examples.map((e) => ({ e, c: classifier.classify(e.text) }));
  const complaints = results.filter(({ e }) => e.label !== 'BUKAN_ADUAN');
  const chatter = results.filter(({ e }) => e.label === 'BUKAN_ADUAN');
  const dismissed = (c: { agency: string; needsReview: boolean }) => c.agency === 'BUKAN_ADUAN' && !c.needsReview;
  const auto = complaints.filter(({ c }) => c.agency !== 'BUKAN_ADUAN' && !c.needsReview);
  return {
    complaints: complaints.length,
    chatter: chatter.length,
    rightArea: share(complaints.filter(({ e, c }) => areaOf(c.agency) === areaOf(e.label)).length, complaints.length),
    exact: share(complaints.filter(({ e, c }) => c.agency === e.label).length, complaints.length),
    autoRouted: share(auto.length, complaints.length),
    autoRightArea: share(auto.filter(({ e, c }) => areaOf(c.agency) === areaOf(e.label)).length, auto.length),
    autoExact: share(auto.filter(({ e, c }) => c.agency === e.label).length, auto.length),
    chatterOpened: share(
      chatter.filter(({ c }) => c.agency !== 'BUKAN_ADUAN' && !c.needsReview).length,
      chatter.length,
    ),
    chatterCaught: share(chatter.filter(({ c }) => dismissed(c)).length, chatter.length),
    complaintsKept: share(complaints.filter(({ c }) => !dismissed(c)).length, complaints.length),
  };
}

/** Metrics overall and per style. */
export function styleReport(
  classifier: Classifier,
  examples: readonly LabelledExample[],
): { style: string; metrics: StyleMetrics }[] {
  const styles = [...new Set(examples.map((e) => e.style ?? 'corpus'))].sort();
  return [
    { style: 'all', metrics: styleMetrics(classifier, examples) },
    ...styles.map((style) => ({
      style,
      metrics: styleMetrics(
        classifier,
        examples.filter((e) => (e.style ?? 'corpus') === style),
      ),
    })),
  ];
}

const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;

/** A plain-text table of `styleReport`. */
export function formatStyleReport(title: string, rows: ReturnType<typeof styleReport>): string {
  const header =
    'style | complaints | chatter | right area | exact | auto-routed | auto right area | auto exact | chatter opened | chatter caught | complaints kept';
  const lines = rows.map(({ style, metrics: m }) =>
    [
      style,
      m.complaints,
      m.chatter,
      pct(m.rightArea),
      pct(m.exact),
      pct(m.autoRouted),
      pct(m.autoRightArea),
      pct(m.autoExact),
      pct(m.chatterOpened),
      pct(m.chatterCaught),
      pct(m.complaintsKept),
    ].join(' | '),
  );
  return `${title}\n${header}\n${lines.join('\n')}\n`;
}
