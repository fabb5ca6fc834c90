// The launcher and db scripts run before Next.js, so they read .env files the way Next does
// (.env.local, .env.<mode>, .env); variables already in the environment win.
import nextEnv from "@next/env";

export function loadEnvFiles({ dev = process.env.NODE_ENV !== "production" } = {}) {
  nextEnv.loadEnvConfig(process.cwd(), dev, { info: () => {}, error: console.error });
}
