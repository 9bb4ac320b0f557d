import { describe, expect, it } from 'vitest';
import type { Service, ServicePort } from '../../model/k8s';
import type { FieldError } from '../field-errors';
import { createErrors, fieldError as e, ipv4Cluster, makeService } from './test-builders';

const RANGE = 'must be between 1 and 65535, inclusive';
const LABEL = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const http: ServicePort = { name: 'http', port: 80 };
const https: ServicePort = { name: 'https', port: 443 };

type Case = [string, (s: Service) => void, FieldError[]];
const ports = (...list: ServicePort[]) => (s: Service) => { s.spec.ports = list; };
const nodePorts = (...list: ServicePort[]) => (s: Service) => { s.spec.type = 'NodePort'; s.spec.ports = list; };

describe('validateService: each port', () => {
  it.each<Case>([
    ['one unnamed port is accepted', ports({ port: 80 }), []],
    ['several ports must all be named', ports({ port: 80 }, { port: 443 }),
      [e('spec.ports[0].name', 'Required'), e('spec.ports[1].name', 'Required')]],
    ['named ports are accepted', ports(http, https), []],
    ['a port name is a DNS-1123 label', ports({ name: 'HTTP', port: 80 }), [e('spec.ports[0].name', 'Invalid', LABEL, 'HTTP')]],
    ['port names are unique', ports(http, { name: 'http', port: 8080 }), [e('spec.ports[1].name', 'Duplicate', '', 'http')]],
    ['port 0 is refused, and so is the targetPort it defaults', ports({ port: 0 }),
      [e('spec.ports[0].port', 'Invalid', RANGE, 0), e('spec.ports[0].targetPort', 'Invalid', RANGE, 0)]],
    ['port 65536 is refused', ports({ port: 65536, targetPort: 8080 }), [e('spec.ports[0].port', 'Invalid', RANGE, 65536)]],
    ['SCTP is a supported protocol', ports({ port: 9000, protocol: 'SCTP' }), []],
    ['ICMP is not a port protocol', ports({ port: 80, protocol: 'ICMP' as never }),
      [e('spec.ports[0].protocol', 'NotSupported', 'supported values: "SCTP", "TCP", "UDP"', 'ICMP')]],
    ['targetPort may name a container port', ports({ port: 80, targetPort: 'http-web' }), []],
    ['a numeric string is not a port name', ports({ port: 80, targetPort: '8080' }),
      [e('spec.ports[0].targetPort', 'Invalid', 'must contain at least one letter (a-z)', '8080')]],
    ['a port name has at most 15 characters', ports({ port: 80, targetPort: 'very-long-port-name' }),
      [e('spec.ports[0].targetPort', 'Invalid', 'must be no more than 15 characters', 'very-long-port-name')]],
    ['a targetPort number is in range', ports({ port: 80, targetPort: 70000 }), [e('spec.ports[0].targetPort', 'Invalid', RANGE, 70000)]],
    ['appProtocol may be a prefixed name', ports({ port: 80, appProtocol: 'kubernetes.io/h2c' }), []],
    ['appProtocol must be a qualified name', ports({ port: 80, appProtocol: 'http/2/x' }), [e('spec.ports[0].appProtocol', 'Invalid',
      "a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      'http/2/x')]],
    ['a headless Service may forward to a different targetPort', (s) => {
      s.spec.clusterIP = 'None'; s.spec.ports = [{ port: 80, targetPort: 8080 }];
    }, []],
  ])('%s', (_behaviour, edit, expected) => {
    expect(createErrors(makeService('shop', 'web', edit), ipv4Cluster)).toEqual(expected);
  });
});

describe('validateService: node ports and duplicates across ports', () => {
  it.each<Case>([
    ['a NodePort may ask for its node port', nodePorts({ port: 80, nodePort: 30080 }), []],
    ['a ClusterIP has no node ports', ports({ port: 80, nodePort: 30080 }),
      [e('spec.ports[0].nodePort', 'Forbidden', "may not be used when `type` is 'ClusterIP'")]],
    ['two ports may not ask for the same node port', nodePorts({ ...http, nodePort: 30080 }, { ...https, nodePort: 30080 }),
      [e('spec.ports[1].nodePort', 'Duplicate', '', 30080)]],
    ['the same node port is fine for TCP and UDP', nodePorts(
      { name: 'dns-tcp', port: 53, protocol: 'TCP', nodePort: 30053 }, { name: 'dns-udp', port: 53, protocol: 'UDP', nodePort: 30053 }), []],
    ['the same port twice with the same protocol is a duplicate', ports(http, { name: 'web', port: 80 }),
      [e('spec.ports[1]', 'Duplicate', '', { protocol: 'TCP', port: 80 })]],
    ['the same port is fine for TCP and UDP', ports({ name: 'dns-tcp', port: 53 }, { name: 'dns-udp', port: 53, protocol: 'UDP' }), []],
  ])('%s', (_behaviour, edit, expected) => {
    expect(createErrors(makeService('shop', 'web', edit), ipv4Cluster)).toEqual(expected);
  });
});
