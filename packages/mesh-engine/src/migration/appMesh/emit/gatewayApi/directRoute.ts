import { JsonRecord } from '../../../../engine/model/access';
import { RoutedService } from '../../model';
import { carry, unsupported } from '../common';
import { EmitOutput } from '../types';
import { GATEWAY_API } from './caps';
import { gatewayApiManifest } from './channel';
import { backendRefs } from './refs';
import type { ServiceRouteOptions } from './serviceRoutes';

/** A VirtualService with a VirtualNode provider: one HTTPRoute with one backend, or nothing when the Service already is the node's. */
export function directRoute(
  service: RoutedService,
  options: ServiceRouteOptions,
  out: EmitOutput,
): void {
  const direct = service.direct!;
  const vs = service.virtualService;
  const listener = service.listeners[0];
  const { caps } = options;
  const timeout = direct.timeout;
  if (direct.sameService && !timeout) {
    out.notes.push(
      `App Mesh VirtualService ${vs.metadata.name} is served by VirtualNode ${direct.target.node.metadata.name} directly; Service ${service.service.name} needs no route.`,
    );
    return;
  }
  if (!listener) return;
  if (listener.protocol === 'tcp') {
    unsupported(listener.site, caps.support, 'tcp-routes', '(TCP provider)');
    return;
  }
  const rule: JsonRecord = {
    backendRefs: backendRefs(
      [direct.target],
      service.service.namespace,
      undefined,
      caps.label,
      false,
    ),
  };
  if (timeout) {
    if (caps.timeouts) {
      rule.timeouts = { request: timeout.text };
      carry(timeout.site, 'route timeout');
    } else
      unsupported(timeout.site, caps.support, 'timeouts', `(${timeout.text})`);
  }
  out.manifests.push(
    gatewayApiManifest(
      `HTTPRoute ${vs.metadata.name}: traffic for Service ${
        service.service.name
      } goes to VirtualNode ${
        direct.target.node.metadata.name
      }'s Service (from App Mesh VirtualService ${
        vs.metadata.name
      }), ${options.attachment(listener)}`,
      {
        apiVersion: GATEWAY_API,
        kind: 'HTTPRoute',
        metadata: {
          name: vs.metadata.name,
          namespace: service.service.namespace,
        },
        spec: { parentRefs: [options.parentRef(listener)], rules: [rule] },
      },
    ),
  );
}
