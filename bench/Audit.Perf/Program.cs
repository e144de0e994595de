using Audit.Perf;

var commands = typeof(IPerfCommand).Assembly.GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsAssignableTo(typeof(IPerfCommand)))
    .Select(t => (IPerfCommand)Activator.CreateInstance(t)!)
    .OrderBy(c => c.Name, StringComparer.Ordinal)
    .ToList();

var command = args.Length == 0 ? null : commands.SingleOrDefault(c => c.Name == args[0]);
if (command is null)
{
    Console.WriteLine("Usage: dotnet run -c Release --project bench/Audit.Perf -- <benchmark> [options]");
    foreach (var c in commands)
    {
        Console.WriteLine($"  {c.Name,-12} {c.Description}");
    }

    return args.Length == 0 ? 0 : 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
return await command.RunAsync(args.Skip(1).ToList(), cancel.Token);
