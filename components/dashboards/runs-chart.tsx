"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

type Day = { day: string; completed: number; failed: number; cancelled: number; budgetExceeded: number; active: number };

/** Runs per day, stacked by outcome. */
export function RunsChart({ days }: { days: Day[] }) {
  return (
    <div className="h-64" role="img" aria-label="Runs per day by status">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={days} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tick={{ fontSize: 11 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar isAnimationActive={false} dataKey="completed" stackId="runs" fill="#10b981" name="completed" />
          <Bar isAnimationActive={false} dataKey="failed" stackId="runs" fill="#f43f5e" name="failed" />
          <Bar isAnimationActive={false} dataKey="budgetExceeded" stackId="runs" fill="#f59e0b" name="budget exceeded" />
          <Bar isAnimationActive={false} dataKey="cancelled" stackId="runs" fill="#94a3b8" name="cancelled" />
          <Bar isAnimationActive={false} dataKey="active" stackId="runs" fill="#0ea5e9" name="running" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
