using System.ComponentModel.DataAnnotations;

namespace Receptionist.Silo.Hosting;

/// <summary>Binds and validates options that are needed before the host is built (so DI's validation is too late).</summary>
public static class StartupOptions
{
    public static T Read<T>(IConfiguration configuration, string section)
        where T : class, new()
    {
        var options = new T();
        try
        {
            configuration.GetSection(section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new StartupException($"configuration section '{section}' is invalid: {e.InnerException?.Message ?? e.Message}", e);
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            throw new StartupException(string.Join(" ", results.Select(r => Describe(section, r))));
        }

        return options;
    }

    private static string Describe(string section, ValidationResult result) =>
        result.MemberNames.Any() && !result.ErrorMessage!.Contains(':', StringComparison.Ordinal)
            ? $"{section}:{string.Join(",", result.MemberNames)}: {result.ErrorMessage}"
            : result.ErrorMessage!;
}
