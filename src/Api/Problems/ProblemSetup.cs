using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Receptionist.Api.Problems;

/// <summary>Every error the app produces, from any layer, leaves as RFC 7807 problem+json with a stable type.</summary>
public static class ProblemSetup
{
    public static IServiceCollection AddReceptionistProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;

            // Framework-made problems carry a generic RFC link as type; clients switch on ours.
            if (problem.Type is null || !problem.Type.StartsWith("https://receptionist.dev/", StringComparison.Ordinal))
            {
                problem.Type = problem is HttpValidationProblemDetails ? ApiProblems.Validation : ApiProblems.ForStatus(status);
            }

            problem.Instance ??= ApiProblems.InstanceOf(context.HttpContext.Request.Path);
        });
        services.AddSingleton<DependencyFailureLog>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddExceptionHandler<SignalWire.SignalWireExceptionHandler>();
        services.AddExceptionHandler<DependencyFailureHandler>();
        services.AddExceptionHandler<ApiExceptionHandler>();

        // Binding failures (malformed JSON, wrong content type, unparsable route values) become exceptions that
        // ApiExceptionHandler turns into a 4xx problem saying what was wrong, instead of an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        services.AddOptions<RequestLimitsOptions>().BindConfiguration(RequestLimitsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    public static WebApplication UseReceptionistProblems(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        return app;
    }
}
