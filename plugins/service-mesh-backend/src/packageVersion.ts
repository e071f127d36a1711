import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The version of this package, as published. */
export function packageVersion(): string {
  if (!cached) {
    const file = resolvePackagePath(
      '@meshwise/backstage-plugin-service-mesh-backend',
      'package.json',
    );
    cached = JSON.parse(readFileSync(file, 'utf8')).version as string;
  }
  return cached;
}
