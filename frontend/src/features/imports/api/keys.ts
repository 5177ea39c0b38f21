/** Every query key of the imports feature: the jobs it follows. */
export const importsKeys = {
  all: ["imports"] as const,
  job: (id: string) => [...importsKeys.all, "job", id] as const,
};
