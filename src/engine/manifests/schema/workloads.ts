// Pods and the workloads that stamp them out (k8s.io/api core/v1 PodSpec, apps/v1
// Deployment, StatefulSet, DaemonSet). The fields kubehops reads are typed; the rest of the
// real PodSpec and Container is listed as known so real manifests load without warnings.

import { kind, labelSelector, objectMeta } from './meta';
import { any, arr, bool, int, int64, known, map, obj, str, strMap, strs, type Schema } from './types';

const containerPort = obj({ name: str, containerPort: int, protocol: str, hostPort: int, hostIP: str });

const container = obj({
  name: str,
  image: str,
  ports: arr(containerPort),
  command: strs,
  args: strs,
  workingDir: str,
  imagePullPolicy: str,
  terminationMessagePath: str,
  terminationMessagePolicy: str,
  restartPolicy: str,
  stdin: bool,
  stdinOnce: bool,
  tty: bool,
  ...known('env', 'envFrom', 'resources', 'resizePolicy', 'restartPolicyRules', 'volumeMounts', 'volumeDevices',
    'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'securityContext'),
});

const podDNSConfig = obj({ nameservers: strs, searches: strs, options: arr(obj({ name: str, value: str })) });

export const podSpec = obj({
  nodeName: str,
  hostname: str,
  subdomain: str,
  setHostnameAsFQDN: bool,
  hostNetwork: bool,
  hostPID: bool,
  hostIPC: bool,
  dnsPolicy: str,
  dnsConfig: podDNSConfig,
  nodeSelector: strMap,
  containers: arr(container),
  initContainers: arr(container),
  restartPolicy: str,
  terminationGracePeriodSeconds: int64,
  activeDeadlineSeconds: int64,
  serviceAccountName: str,
  serviceAccount: str,
  automountServiceAccountToken: bool,
  shareProcessNamespace: bool,
  schedulerName: str,
  priorityClassName: str,
  priority: int,
  preemptionPolicy: str,
  runtimeClassName: str,
  enableServiceLinks: bool,
  hostUsers: bool,
  ...known('volumes', 'ephemeralContainers', 'securityContext', 'imagePullSecrets', 'affinity', 'tolerations',
    'hostAliases', 'readinessGates', 'overhead', 'topologySpreadConstraints', 'os', 'schedulingGates',
    'resourceClaims', 'resources', 'hostnameOverride', 'workloadRef'),
});

const podIP = obj({ ip: str });

const podStatus = obj({
  phase: str,
  podIP: str,
  podIPs: arr(podIP),
  hostIP: str,
  hostIPs: arr(podIP),
  conditions: arr(obj({
    type: str, status: str, observedGeneration: int64, lastProbeTime: str, lastTransitionTime: str, reason: str, message: str,
  })),
  message: str,
  reason: str,
  nominatedNodeName: str,
  startTime: str,
  qosClass: str,
  observedGeneration: int64,
  resize: str,
  ...known('containerStatuses', 'initContainerStatuses', 'ephemeralContainerStatuses', 'resourceClaimStatuses',
    'extendedResourceClaimStatus', 'allocatedResources', 'resources'),
});

export const pod = kind({ spec: podSpec, status: podStatus });

const podTemplateSpec = obj({ metadata: objectMeta, spec: podSpec });

/** Workload status is the controllers' to write; kubehops neither reads nor checks it. */
const workloadStatus = map(any);

export const deployment = kind({
  spec: obj({
    replicas: int,
    selector: labelSelector,
    template: podTemplateSpec,
    minReadySeconds: int,
    revisionHistoryLimit: int,
    paused: bool,
    progressDeadlineSeconds: int,
    ...known('strategy'),
  }),
  status: workloadStatus,
});

export const statefulSet = kind({
  spec: obj({
    replicas: int,
    serviceName: str,
    selector: labelSelector,
    template: podTemplateSpec,
    podManagementPolicy: str,
    revisionHistoryLimit: int,
    minReadySeconds: int,
    ...known('volumeClaimTemplates', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'ordinals'),
  }),
  status: workloadStatus,
});

export const daemonSet: Schema = kind({
  spec: obj({
    selector: labelSelector,
    template: podTemplateSpec,
    minReadySeconds: int,
    revisionHistoryLimit: int,
    ...known('updateStrategy', 'templateGeneration'),
  }),
  status: workloadStatus,
});
