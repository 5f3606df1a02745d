// Form and table pieces the screens repeat. Each control sits inside its <label>, so the label's text names it
// for screen readers and for the browser tests alike.
import type { ComponentChildren, JSX } from 'preact';
import type { Agency } from './types.js';

/** [value, text] pairs for a select. */
export type Pairs = readonly (readonly [string, string])[];

/** The agencies as select choices, by short name unless the full name is asked for. */
export function agencyPairs(agencies: Agency[], name: 'shortName' | 'name' = 'shortName'): Pairs {
  return agencies.map((a) => [a.code, a[name]] as const);
}

/** The `<option>`s of a select, after an optional empty choice whose text is `empty`. */
export function Options({ pairs, empty }: { pairs: Pairs; empty?: string }) {
  return (
    <>
      {empty !== undefined && <option value="">{empty}</option>}
      {pairs.map(([k, v]) => (
        <option key={k} value={k}>
          {v}
        </option>
      ))}
    </>
  );
}

type SelectProps = Omit<JSX.SelectHTMLAttributes<HTMLSelectElement>, 'label' | 'onChange'> & {
  label: ComponentChildren;
  pairs: Pairs;
  empty?: string;
  onValue: (value: string) => void;
};

/** A labelled select; `onValue` gets the chosen value. */
export function Select({ label, pairs, empty, onValue, ...rest }: SelectProps) {
  return (
    <label>
      {label}
      <select {...rest} onChange={(e) => onValue(e.currentTarget.value)}>
        <Options pairs={pairs} empty={empty} />
      </select>
    </label>
  );
}

type FieldProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'label' | 'onInput' | 'class'> & {
  label: ComponentChildren;
  /** The label's class (e.g. "grow"). */
  class?: string;
  onValue: (value: string) => void;
};

/** A labelled input; `onValue` gets the text on every keystroke. */
export function Field({ label, class: labelClass, onValue, ...rest }: FieldProps) {
  return (
    <label class={labelClass}>
      {label}
      <input {...rest} onInput={(e) => onValue(e.currentTarget.value)} />
    </label>
  );
}

/** A table head of plain column titles. */
export function Head({ cols }: { cols: string[] }) {
  return (
    <thead>
      <tr>
        {cols.map((c, i) => (
          <th key={i} scope="col">
            {c || null}
          </th>
        ))}
      </tr>
    </thead>
  );
}

type FormProps = Omit<JSX.HTMLAttributes<HTMLFormElement>, 'onSubmit'> & { onSubmit: () => void };

/** A form handled on the page: submitting runs `onSubmit` and never loads another page. */
export function Form({ onSubmit, ...rest }: FormProps) {
  return (
    <form
      {...rest}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    />
  );
}
