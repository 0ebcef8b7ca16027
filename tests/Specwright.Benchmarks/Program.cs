using Specwright.Benchmarks;

return await BenchmarkRun.MainAsync(args);
