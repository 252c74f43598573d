import type { HTMLAttributes } from 'react';

/**
 * A `data-testid` for props objects (onRow, okButtonProps…): JSX accepts data-* attributes, but object literals
 * typed as component props do not know the key. Browser tests select by these ids.
 */
export function testId(id: string): { 'data-testid': string } {
  return { 'data-testid': id };
}

/** The same for Table `onRow`, whose props type has no data-* keys and so rejects an object with only one. */
export function rowTestId(id: string, extra: HTMLAttributes<HTMLElement> = {}): HTMLAttributes<HTMLElement> {
  return { ...extra, ...testId(id) } as HTMLAttributes<HTMLElement>;
}
