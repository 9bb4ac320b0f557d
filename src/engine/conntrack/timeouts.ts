// Conntrack timeouts: the kernel's defaults (net/netfilter/nf_conntrack_proto_{tcp,udp,
// sctp,icmp,generic}.c) and the values kube-proxy writes to /proc/sys/net/netfilter at
// start-up (pkg/proxy/conntrack sysctls, defaults in pkg/proxy/apis/config/v1alpha1/
// defaults.go: tcpEstablishedTimeout 24h, tcpCloseWaitTimeout 1h; udpTimeout and
// udpStreamTimeout 0, meaning the kernel's values are left alone).

import type { ConntrackTimeouts } from './types';

const MIN = 60;

export const KERNEL_TIMEOUTS: ConntrackTimeouts = {
  tcp: {
    NONE: 2 * MIN, SYN_SENT: 2 * MIN, SYN_RECV: 60, ESTABLISHED: 5 * 24 * 60 * MIN, FIN_WAIT: 2 * MIN,
    CLOSE_WAIT: 60, LAST_ACK: 30, TIME_WAIT: 2 * MIN, CLOSE: 10, SYN_SENT2: 2 * MIN,
  },
  udp: 30,
  udpStream: 120,
  sctp: {
    CLOSED: 10, COOKIE_WAIT: 3, COOKIE_ECHOED: 3, ESTABLISHED: 210, SHUTDOWN_SENT: 3,
    SHUTDOWN_RECD: 3, SHUTDOWN_ACK_SENT: 3, HEARTBEAT_SENT: 30,
  },
  icmp: 30,
  generic: 600,
};

/** KubeProxyConfiguration.conntrack, durations in seconds (0 or absent: keep the kernel's). */
export interface KubeProxyConntrackConfig {
  readonly tcpEstablishedTimeout?: number;
  readonly tcpCloseWaitTimeout?: number;
  readonly udpTimeout?: number;
  readonly udpStreamTimeout?: number;
}

/** The timeouts on a node after kube-proxy has applied its conntrack settings. */
export function kubeProxyTimeouts(config: KubeProxyConntrackConfig = {}, base: ConntrackTimeouts = KERNEL_TIMEOUTS): ConntrackTimeouts {
  const pick = (v: number | undefined, dflt: number) => (v === undefined ? dflt : v > 0 ? v : undefined);
  const established = pick(config.tcpEstablishedTimeout, 24 * 60 * MIN) ?? base.tcp.ESTABLISHED;
  const closeWait = pick(config.tcpCloseWaitTimeout, 60 * MIN) ?? base.tcp.CLOSE_WAIT;
  return {
    ...base,
    tcp: { ...base.tcp, ESTABLISHED: established, CLOSE_WAIT: closeWait },
    udp: config.udpTimeout && config.udpTimeout > 0 ? config.udpTimeout : base.udp,
    udpStream: config.udpStreamTimeout && config.udpStreamTimeout > 0 ? config.udpStreamTimeout : base.udpStream,
  };
}
