/**
 * The accounts file for `scorebook serve --users FILE`: JSON `{ "users": [{ name, role,
 * scrypt: { salt, hash, N, r, p } }] }`, roles reader or editor, passwords hashed with
 * node:crypto's scrypt (memory-hard; no native add-on needed). `scorebook users add` writes it.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { z } from "zod";

export const ROLES = ["reader", "editor"] as const;
export type Role = (typeof ROLES)[number];

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 } as const;

const UserSchema = z.object({
  name: z.string().min(1).max(100),
  role: z.enum(ROLES),
  scrypt: z.object({ salt: z.string().regex(/^[0-9a-f]+$/), hash: z.string().regex(/^[0-9a-f]+$/), N: z.number().int(), r: z.number().int(), p: z.number().int() }),
});
const UsersFileSchema = z.object({ users: z.array(UserSchema) });
export type UserRecord = z.infer<typeof UserSchema>;

export class UsersFileError extends Error {}

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCallback(password, salt, keylen, { ...options, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))));
}

export async function hashPassword(password: string): Promise<UserRecord["scrypt"]> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return { salt: salt.toString("hex"), hash: key.toString("hex"), N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p };
}

export async function verifyPassword(record: UserRecord["scrypt"], password: string): Promise<boolean> {
  const expected = Buffer.from(record.hash, "hex");
  const key = await scrypt(password, Buffer.from(record.salt, "hex"), expected.length, { N: record.N, r: record.r, p: record.p });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export function readUsers(path: string): UserRecord[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new UsersFileError(`${path}: cannot read the users file (${(error as Error).message})`);
  }
  const parsed = UsersFileSchema.safeParse(json);
  if (!parsed.success) throw new UsersFileError(`${path}: not a users file (${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message})`);
  return parsed.data.users;
}

/** Add or replace one account; the file is written whole (temp file, then rename), readable by its owner only. */
export async function addUser(path: string, name: string, role: Role, password: string): Promise<void> {
  if (password.length < 8) throw new UsersFileError("password: at least 8 characters");
  const users = existsSync(path) ? readUsers(path).filter((u) => u.name !== name) : [];
  users.push({ name, role, scrypt: await hashPassword(password) });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ users }, null, 2) + "\n", { mode: 0o600 });
  renameSync(tmp, path);
}

/** A fixed record to verify against when the name is unknown, so timing does not tell names apart. */
export const DUMMY_RECORD: UserRecord["scrypt"] = {
  salt: "00".repeat(16),
  hash: "00".repeat(32),
  N: SCRYPT.N,
  r: SCRYPT.r,
  p: SCRYPT.p,
};
