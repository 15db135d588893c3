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
# 8080: HTTP (behind the load balancer); 9464: Prometheus scraping when Observability:PrometheusPort=9464; 11111: silo-to-silo.
EXPOSE 8080 9464 11111
# The runtime image has no curl or wget: the silo checks its own readiness (exit 0 ready, 1 not).
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=6 CMD ["dotnet", "Receptionist.Silo.dll", "health"]
ENTRYPOINT ["dotnet", "Receptionist.Silo.dll"]
