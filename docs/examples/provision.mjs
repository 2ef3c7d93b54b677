#!/usr/bin/env node
// Provisions a company's users and one group from a CSV file through the Provisioning API.
// Node 20+, no dependencies. Usage:
//   DPS_BASE_URL=https://dps.example.com DPS_API_KEY=dpsprov_... node provision.mjs people.csv "All staff"
// people.csv has a header line: email,givenName,familyName,active (active: true or false; empty means true).
// Each change carries an Idempotency-Key derived from the file, so running the script again, or again after a
// network error, never creates anyone twice.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const baseUrl = process.env.DPS_BASE_URL?.replace(/\/+$/, '');
const apiKey = process.env.DPS_API_KEY;
const [csvPath, groupName] = process.argv.slice(2);
if (!baseUrl || !apiKey || !csvPath || !groupName) {
  console.error('usage: DPS_BASE_URL=… DPS_API_KEY=dpsprov_… node provision.mjs people.csv "Group name"');
  process.exit(2);
}

const people = parseCsv(readFileSync(csvPath, 'utf8'));
const runKey = createHash('sha256').update(readFileSync(csvPath)).update(groupName).digest('hex').slice(0, 32);

// 1. Create or update everyone, 1,000 per request; each person succeeds or fails on their own.
const memberIds = [];
let failed = 0;
for (let start = 0; start < people.length; start += 1000) {
  const users = people.slice(start, start + 1000);
  const answer = await call('POST', '/api/v1/users/batch', { users }, `${runKey}-batch-${start}`);
  for (const result of answer.results) {
    if (result.outcome === 'failed') {
      failed++;
      console.error(`${result.email ?? `line ${start + result.index + 2}`}: ${result.error.message}`);
    } else {
      if (users[result.index].active !== false) memberIds.push(result.id);
      console.log(`${result.email}: ${result.outcome}`);
    }
  }
}

// 2. The group, found by name or created, with exactly the active people as members.
const found = await call('GET', `/api/v1/groups?q=${encodeURIComponent(groupName)}`);
const group =
  found.items.find((candidate) => candidate.displayName.toLowerCase() === groupName.toLowerCase()) ??
  (await call('POST', '/api/v1/groups', { displayName: groupName }, `${runKey}-group`));
await call('PUT', `/api/v1/groups/${group.id}/members`, { userIds: memberIds }, `${runKey}-members`);
console.log(`${group.displayName}: ${memberIds.length} members`);
process.exit(failed === 0 ? 0 : 1);

/** One request; retried on network errors and 5xx with the same Idempotency-Key, so a retry is never done twice. */
async function call(method, path, body, idempotencyKey) {
  for (let attempt = 1; ; attempt++) {
    let response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${apiKey}`,
          ...(body ? { 'Content-Type': 'application/json' } : {}),
          ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
    } catch (error) {
      if (attempt < 5) {
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
        continue;
      }
      throw error;
    }
    if (response.status >= 500 && attempt < 5) {
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      continue;
    }
    const answer = response.status === 204 ? null : await response.json();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${answer?.code}: ${answer?.message}`);
    return answer;
  }
}

/** A simple CSV (no quoted commas): the header names the fields. */
function parseCsv(text) {
  const [header, ...lines] = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const fields = header.split(',').map((field) => field.trim());
  return lines.map((line) => {
    const values = line.split(',').map((value) => value.trim());
    const person = {};
    fields.forEach((field, position) => {
      const value = values[position] ?? '';
      if (field === 'active') person.active = value === '' ? true : value.toLowerCase() === 'true';
      else if (value !== '') person[field] = value;
    });
    return person;
  });
}
