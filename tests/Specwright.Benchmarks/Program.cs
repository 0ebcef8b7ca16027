using Specwright.Benchmarks;

if (args.Length > 0 && args[0] == Specwright.Benchmarks.Fleet.FleetWorker.Flag) return await Specwright.Benchmarks.Fleet.FleetWorker.RunAsync(args);
if (args.Length > 0 && args[0] == Specwright.Benchmarks.Fleet.WebhookReceiverProcess.Flag) return await Specwright.Benchmarks.Fleet.WebhookReceiverProcess.RunAsync(args);
if (args.Length > 0 && args[0] == Specwright.Benchmarks.Fleet.FleetThroughput.Flag) return await Specwright.Benchmarks.Fleet.FleetThroughput.RunAloneAsync(args);
if (args.Length > 0 && args[0] == Specwright.Benchmarks.Scenarios.LoneClientAfter429.Flag) return await Specwright.Benchmarks.Scenarios.LoneClientAfter429.RunAloneAsync();
return await BenchmarkRun.MainAsync(args);
