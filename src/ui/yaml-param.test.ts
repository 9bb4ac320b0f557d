import { describe, expect, it } from 'vitest';
import { makeScenario } from './test-scenarios';
import { decodeYaml, encodeYaml, readYamlParam } from './yaml-param';

describe('yaml param', () => {
  it('round-trips a scenario\'s text, shorter than the text and safe in a URL', async () => {
    const text = makeScenario('clusterip').yaml.replace('replicas: 3', 'replicas: 5');
    const encoded = await encodeYaml(text);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(encoded.length).toBeLessThan(text.length);
    expect(await decodeYaml(encoded)).toBe(text);
    expect(readYamlParam(`?scenario=x&yaml=${encoded}`)).toBe(encoded);
  });

  it('keeps non-ASCII text', async () => {
    expect(await decodeYaml(await encodeYaml('# café ✓\nkind: Service\n'))).toBe('# café ✓\nkind: Service\n');
  });

  it('a value it did not write is null, not an exception', async () => {
    expect(await decodeYaml('not-deflate')).toBeNull();
    expect(await decodeYaml('%%%')).toBeNull();
  });
});
