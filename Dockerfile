# The silo image: one process serving HTTP (8080) and joining the Orleans cluster (11111) through PostgreSQL.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props Receptionist.sln ./
COPY src/ src/
RUN dotnet publish src/Silo/Receptionist.Silo.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
USER app
EXPOSE 8080 11111
ENTRYPOINT ["dotnet", "Receptionist.Silo.dll"]
