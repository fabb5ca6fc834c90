"use client";

import { createContext, useContext } from "react";
import type { CredentialChoice } from "@/lib/workflows/find-credential-problem";

const CredentialsContext = createContext<readonly CredentialChoice[]>([]);

/** The workspace's credentials (names and providers), for the canvas's missing-credential warnings. */
export const CredentialsProvider = CredentialsContext.Provider;

export function useCredentials(): readonly CredentialChoice[] {
  return useContext(CredentialsContext);
}
