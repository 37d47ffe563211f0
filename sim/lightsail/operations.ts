/** The Lightsail operations the simulator answers, each a function of the request body. */

import { findInstance, type Operation } from './context.js';
import { invalidInput } from './errors.js';
import { optionalBoolean, optionalString, requiredArray } from './input.js';
import { getInstanceMetricData } from './metric-data.js';
import { decodePageToken, encodePageToken } from './page-token.js';
import { wireInstance, wireOperation, wireRegion, wireState } from './shapes.js';
import { changeState } from './state.js';

const MAX_TAGS = 50;
const MAX_TAG_KEY = 128;
const MAX_TAG_VALUE = 256;

/** Operation name (the `X-Amz-Target` suffix) to handler. */
export const OPERATIONS: Readonly<Record<string, Operation>> = {
  GetRegions(ctx, body) {
    const withZones = optionalBoolean(body, 'includeAvailabilityZones');
    return { regions: ctx.store.regionNames().map((r) => wireRegion(r, withZones)) };
  },

  GetInstances(ctx, body) {
    const token = optionalString(body, 'pageToken');
    const offset = token === undefined ? 0 : decodePageToken(ctx.region, token);
    const { items, more } = ctx.store.page(ctx.region, offset, ctx.pageSize);
    const result: Record<string, unknown> = { instances: items.map(wireInstance) };
    if (ctx.takeFault(['loop-page-token'])) {
      // A paging bug: the answer sends the caller back to the page it asked for, so a caller that
      // follows nextPageToken without a bound never ends.
      result.nextPageToken = token ?? encodePageToken(ctx.region, 0);
    } else if (more) {
      result.nextPageToken = encodePageToken(ctx.region, offset + items.length);
    }
    return result;
  },

  GetInstance(ctx, body) {
    return { instance: wireInstance(findInstance(ctx, body, 'instanceName')) };
  },

  GetInstanceState(ctx, body) {
    return { state: wireState(findInstance(ctx, body, 'instanceName').state) };
  },

  GetInstanceMetricData: getInstanceMetricData,

  StopInstance(ctx, body) {
    const instance = findInstance(ctx, body, 'instanceName');
    const force = optionalBoolean(body, 'force');
    const race = ctx.takeFault(['stopped-elsewhere']);
    // The owner or a second run stopped the instance a moment before this request was handled: the
    // request then meets the state that stop left, and the ordinary checks below answer it.
    if (race?.kind === 'stopped-elsewhere') changeState(instance, race.state ?? 'stopping', ctx.now);
    // Whether the real service refuses to stop an instance that is not running is not documented
    // (nor found in public issues): this answers InvalidInputException, so a caller that stops
    // twice sees it. `force` is documented for an instance stuck in `stopping`, so it is allowed there.
    if (!(instance.state === 'running' || (instance.state === 'stopping' && force))) {
      throw invalidInput(
        `Sorry, you can't stop instance ${instance.name} while it is ${instance.state}` +
          (instance.state === 'stopping' ? '; use force if it is stuck' : ''),
      );
    }
    // Stopping is immediate here; the real transition goes through `stopping` for a minute or so.
    changeState(instance, 'stopped', ctx.now);
    return { operations: [wireOperation('StopInstance', instance, ctx.now)] };
  },

  StartInstance(ctx, body) {
    const instance = findInstance(ctx, body, 'instanceName');
    if (instance.state !== 'stopped') {
      throw invalidInput(`Sorry, you can't start instance ${instance.name} while it is ${instance.state}`);
    }
    changeState(instance, 'running', ctx.now);
    // Without a static IP, a start draws a new public IPv4 address.
    if (!instance.staticIp) instance.publicIpAddress = ctx.store.nextPublicIp();
    return { operations: [wireOperation('StartInstance', instance, ctx.now)] };
  },

  TagResource(ctx, body) {
    const instance = findInstance(ctx, body, 'resourceName');
    const tags = new Map(instance.tags);
    for (const tag of requiredArray(body, 'tags')) {
      const { key, value } = readTag(tag);
      tags.set(key, value);
    }
    if (tags.size > MAX_TAGS) {
      throw invalidInput(
        `A resource can have at most ${MAX_TAGS} tags; this request would leave ${tags.size}`,
      );
    }
    instance.tags = tags;
    return { operations: [wireOperation('TagResource', instance, ctx.now, instance.name)] };
  },

  UntagResource(ctx, body) {
    const instance = findInstance(ctx, body, 'resourceName');
    for (const key of requiredArray(body, 'tagKeys')) {
      if (typeof key !== 'string') throw invalidInput('tagKeys must be strings');
      instance.tags.delete(key);
    }
    return { operations: [wireOperation('UntagResource', instance, ctx.now, instance.name)] };
  },
};

function readTag(tag: unknown): { key: string; value: string } {
  if (typeof tag !== 'object' || tag === null) throw invalidInput('Each tag must be an object');
  const { key, value = '' } = tag as { key?: unknown; value?: unknown };
  if (typeof key !== 'string' || key.length < 1 || key.length > MAX_TAG_KEY) {
    throw invalidInput(`Tag keys must be 1 to ${MAX_TAG_KEY} characters`);
  }
  if (typeof value !== 'string' || value.length > MAX_TAG_VALUE) {
    throw invalidInput(`Tag values must be at most ${MAX_TAG_VALUE} characters`);
  }
  return { key, value };
}
