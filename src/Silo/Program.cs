using Microsoft.Extensions.Options;
using Npgsql;
using Receptionist.Api;
using Receptionist.Silo.Commands;
using Receptionist.Silo.Health;
using Receptionist.Silo.Hosting;
using Receptionist.Silo.Schema;

// One process: the ASP.NET Core front end and an Orleans silo. `migrate` and `token` are one-shot commands that
// read the same configuration (appsettings, environment `Section__Key`, command line `--Section:Key=value`).
var command = args.FirstOrDefault() is "migrate" or "token" ? args[0] : null;
var builder = WebApplication.CreateBuilder(command is null ? args : args[1..]);
builder.Configuration.AddSeedEnvironmentAliases();
builder.Logging.ClearProviders();
if (Console.IsOutputRedirected)
{
    builder.Logging.AddJsonConsole(o => { o.IncludeScopes = true; o.UseUtcTimestamp = true; o.TimestampFormat = "O"; });
}
else
{
    builder.Logging.AddSimpleConsole(o => { o.IncludeScopes = true; o.SingleLine = true; });
}

try
{
    if (command == "token")
    {
        return TokenCommand.Run(args[1..], builder.Configuration);
    }

    if (command == "migrate")
    {
        using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true));
        return await MigrateCommand.RunAsync(builder.Configuration, loggers);
    }

    var hosting = StartupOptions.Read<OrleansHostingOptions>(builder.Configuration, OrleansHostingOptions.SectionName);
    var postgres = PostgresConnection.Read(builder.Configuration);
    if (postgres is not null)
    {
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(postgres));
    }

    builder.AddReceptionistSilo(hosting, postgres);
    builder.Services.AddReceptionistHealthChecks(durable: postgres is not null);
    builder.Services.AddReceptionistApi();

    var app = builder.Build();
    if (postgres is not null)
    {
        await SchemaSetup.ApplyAsync(app.Services.GetRequiredService<NpgsqlDataSource>(), postgres, app.Services.GetRequiredService<ILoggerFactory>());
    }
    else
    {
        app.Logger.LogWarning("{Warning}", EmbeddedStorageHealthCheck.Warning);
    }

    app.UseReceptionistApi();
    app.MapReceptionistHealthChecks();
    app.MapReceptionistApi();
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is StartupException or OptionsValidationException)
{
    var message = e is OptionsValidationException validation ? string.Join(" ", validation.Failures) : e.Message;
    Console.Error.WriteLine($"receptionist: cannot start: {message}");
    return 2;
}
