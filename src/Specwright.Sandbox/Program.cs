using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Specwright.Sandbox;

// Standalone sandbox: dotnet run --project src/Specwright.Sandbox -- --urls http://127.0.0.1:5080
var config = new ConfigurationBuilder().AddCommandLine(args).AddEnvironmentVariables("SPECWRIGHT_").Build();
var options = SandboxOptionsReader.Read(config);
using var logs = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
await using var sandbox = await SandboxServer.StartAsync(options, logs, args);

foreach (var line in sandbox.Banner()) Console.WriteLine(line);
Console.WriteLine("Press Ctrl+C to stop.");
await sandbox.WaitForShutdownAsync();
