import type { Metadata, Viewport } from "next";
import { Toaster } from "sonner";
import { ZodJitless } from "@/components/zod-jitless";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Agentry", template: "%s · Agentry" },
  description: "Build, run and operate AI agent workflows as a team.",
  icons: { icon: "/favicon.svg" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="font-sans">
        <ZodJitless />
        {children}
        <Toaster richColors position="top-right" closeButton />
      </body>
    </html>
  );
}
