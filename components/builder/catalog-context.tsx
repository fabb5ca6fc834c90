"use client";

import { createContext, useContext } from "react";
import type { CatalogEntry } from "@/components/builder/types";

const CatalogContext = createContext<Map<string, CatalogEntry>>(new Map());

export const CatalogProvider = CatalogContext.Provider;

export function useCatalog(): Map<string, CatalogEntry> {
  return useContext(CatalogContext);
}
