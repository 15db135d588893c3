namespace Receptionist.Tests.Infrastructure;

/// <summary>Where the repository and the built silo are, found from the test assembly's own location.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the configuration the tests themselves were built in.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string SiloDirectory => Path.Combine(Root, "src", "Silo", "bin", Configuration, "net10.0");

    public static string SiloAssembly => Path.Combine(SiloDirectory, "Receptionist.Silo.dll");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Receptionist.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Receptionist.sln not found above {AppContext.BaseDirectory}");
    }
}
