// The CNI models kubehops implements, by the name a Cluster's `spec.cni.model` uses. A model
// not implemented yet falls back to `direct`, and the network says so in its notes.

import type { CNIModel } from '../model/cluster';
import type { CniModel } from './cni-model';
import { directModel } from './cni-direct';
import { vpcModel } from './cni-vpc';
import { vxlanModel } from './cni-vxlan';

const MODELS: Partial<Record<CNIModel, CniModel>> = { direct: directModel, vxlan: vxlanModel, vpc: vpcModel };

/** The model for a name, or `direct` with a note when it is not implemented. */
export function cniModelFor(name: CNIModel): { model: CniModel; note?: string } {
  const model = MODELS[name];
  if (model) return { model };
  return { model: directModel, note: `CNI model "${name}" is not modelled yet: pod traffic is routed as with "direct" (host-gw).` };
}
