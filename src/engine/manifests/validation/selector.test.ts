import { describe, expect, it } from 'vitest';
import type { LabelSelector } from '../../model/k8s';
import { forbidden, invalid, path, required, type FieldError } from '../field-errors';
import { labelSelectorAsSelector, validateLabelSelector } from './selector';
import { isQualifiedName, isValidLabelValue } from './names';

const at = path('spec', 'selector');
const web = { app: 'web', tier: 'front' };

describe('validateLabelSelector', () => {
  it.each<[string, LabelSelector | undefined]>([
    ['no selector (each kind decides whether one is required)', undefined],
    ['matchLabels', { matchLabels: { app: 'web' } }],
    ['In with values', { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] }],
    ['NotIn with values', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] }],
    ['Exists without values', { matchExpressions: [{ key: 'example.com/app', operator: 'Exists' }] }],
    ['DoesNotExist with an empty values list', { matchExpressions: [{ key: 'canary', operator: 'DoesNotExist', values: [] }] }],
  ])('accepts %s', (_, sel) => {
    expect(validateLabelSelector(sel, at)).toEqual([]);
  });

  it.each<[string, LabelSelector, FieldError[]]>([
    [
      'In without values',
      { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] },
      [required('spec.selector.matchExpressions[0].values', "must be specified when `operator` is 'In' or 'NotIn'")],
    ],
    [
      'Exists with values',
      { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['web'] }] },
      [forbidden('spec.selector.matchExpressions[0].values', "may not be specified when `operator` is 'Exists' or 'DoesNotExist'")],
    ],
    [
      'an operator the API does not know',
      { matchExpressions: [{ key: 'app', operator: 'Equals' as never }] },
      [invalid('spec.selector.matchExpressions[0].operator', 'Equals', 'not a valid selector operator')],
    ],
    [
      'a key that is not a qualified name',
      { matchExpressions: [{ key: 'app name', operator: 'Exists' }] },
      isQualifiedName('app name').map((m) => invalid('spec.selector.matchExpressions[0].key', 'app name', m)),
    ],
    [
      'a value that is not a label value',
      { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'web app'] }] },
      isValidLabelValue('web app').map((m) => invalid('spec.selector.matchExpressions[0].values[1]', 'web app', m)),
    ],
    [
      'a matchLabels value that is not a label value (reported on matchLabels)',
      { matchLabels: { app: 'web app' } },
      isValidLabelValue('web app').map((m) => invalid('spec.selector.matchLabels', 'web app', m)),
    ],
  ])('refuses %s', (_, sel, errors) => {
    expect(validateLabelSelector(sel, at)).toEqual(errors);
  });
});

describe('labelSelectorAsSelector', () => {
  const matches = (sel: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean | 'invalid' => {
    const s = labelSelectorAsSelector(sel);
    return s.valid ? s.matches(labels) : 'invalid';
  };

  it.each<[string, LabelSelector | undefined, Record<string, string> | undefined, boolean | 'invalid']>([
    ['no selector selects nothing', undefined, web, false],
    ['an empty selector selects everything', {}, undefined, true],
    ['matchLabels needs every pair', { matchLabels: { app: 'web', tier: 'back' } }, web, false],
    ['matchLabels on a subset matches', { matchLabels: { app: 'web' } }, web, true],
    ['In matches a listed value', { matchExpressions: [{ key: 'app', operator: 'In', values: ['api', 'web'] }] }, web, true],
    ['In needs the key', { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }, web, false],
    ['NotIn matches a missing key', { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, web, true],
    ['NotIn refuses a listed value', { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }, web, false],
    ['Exists needs the key', { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, web, true],
    ['DoesNotExist refuses the key', { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, web, false],
    ['an unparsable selector is no selector', { matchExpressions: [{ key: 'app', operator: 'In' }] }, web, 'invalid'],
  ])('%s', (_, sel, labels, expected) => {
    expect(matches(sel, labels)).toBe(expected);
  });

  it('reports which selectors are empty', () => {
    expect(labelSelectorAsSelector({ matchLabels: {} })).toMatchObject({ valid: true, empty: true });
    expect(labelSelectorAsSelector(undefined)).toMatchObject({ valid: true, empty: false });
  });
});
