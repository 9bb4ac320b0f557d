import { describe, expect, it } from 'vitest';
import {
  isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, isValidPortName, isValidPortNum, regexError,
} from './names';

const LABEL_RE = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const KEY_NAME_RE = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe('name syntax messages, worded as the API server words them', () => {
  it.each([
    ['a lowercase label is a DNS-1123 label', () => isDNS1123Label('my-name'), []],
    ['an uppercase label is refused with the regex and examples', () => isDNS1123Label('My-Name'), [LABEL_RE]],
    ['a dotted name is refused as a label because of its dots', () => isDNS1123Label('a.b'), ['must not contain dots']],
    ['a 64-character label is too long', () => isDNS1123Label('a'.repeat(64)), ['must be no more than 63 characters']],
    ['a dotted name is a DNS-1123 subdomain', () => isDNS1123Subdomain('db.example.com'), []],
    ['a subdomain may not end with a dot', () => isDNS1123Subdomain('example.com.'), [
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]],
    ['a Service name may not start with a digit (DNS-1035)', () => isDNS1035Label('1web'), [
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]],
    ['a prefixed label key is a qualified name', () => isQualifiedName('app.kubernetes.io/name'), []],
    ['an empty name part is reported twice, as the API server does', () => isQualifiedName('example.com/'), ['name part must be non-empty', KEY_NAME_RE]],
    ['an empty prefix is refused', () => isQualifiedName('/name'), ['prefix part must be non-empty']],
    ['a key with two slashes is refused whole', () => isQualifiedName('a/b/c'), [
      "a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]],
    ['an empty label value is valid', () => isValidLabelValue(''), []],
    ['a label value with a space is refused', () => isValidLabelValue('a b'), [
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ]],
    ['length counts UTF-8 bytes, as Go does', () => isValidLabelValue('é'.repeat(32)).slice(0, 1), ['must be no more than 63 characters']],
    ['port 0 is out of range', () => isValidPortNum(0), ['must be between 1 and 65535, inclusive']],
    ['port 65535 is in range', () => isValidPortNum(65535), []],
    ['a port name needs a letter', () => isValidPortName('8080'), ['must contain at least one letter (a-z)']],
    ['a port name may not hold consecutive or edge hyphens', () => isValidPortName('-a--b'), [
      'must not contain consecutive hyphens', 'must not begin or end with a hyphen',
    ]],
  ])('%s', (_behaviour, run, expected) => {
    expect(run()).toEqual(expected);
  });

  it('regexError lists examples the way Go\'s RegexError does', () => {
    expect(regexError('bad', 'x+', 'a', 'b')).toBe("bad (e.g. 'a',  or 'b', regex used for validation is 'x+')");
    expect(regexError('bad', 'x+')).toBe("bad (regex used for validation is 'x+')");
  });
});
