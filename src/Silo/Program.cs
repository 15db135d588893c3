using Microsoft.Extensions.Options;
using Receptionist.Silo;
using Receptionist.Silo.Commands;
using Receptionist.Silo.Hosting;

// One process: the ASP.NET Core front end and an Orleans silo. `migrate`, `token` and `health` are one-shot commands that
// read the same configuration (appsettings, environment `Section__Key`, command line `--Section:Key=value`).
var command = args.FirstOrDefault() is "migrate" or "token" or "health" ? args[0] : null;
var builder = ReceptionistHost.CreateBuilder(command is null ? args : args[1..]);
try
{
    switch (command)
    {
        case "health":
            return await HealthCommand.RunAsync(builder.Configuration, Console.Out);
        case "token":
            return TokenCommand.Run(args[1..], builder.Configuration);
        case "migrate":
            using (var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true)))
            {
                return await MigrateCommand.RunAsync(builder.Configuration, loggers);
            }
    }

    var app = await ReceptionistHost.BuildAsync(builder);
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is StartupException or OptionsValidationException)
{
    var message = e is OptionsValidationException validation ? string.Join(" ", validation.Failures) : e.Message;
    Console.Error.WriteLine($"receptionist: cannot start: {message}");
    return 2;
}
