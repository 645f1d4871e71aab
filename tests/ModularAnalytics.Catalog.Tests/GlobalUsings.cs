global using System.Net;
global using System.Net.Http.Json;
global using ModularAnalytics.Testing;
global using ModularAnalytics.Testing.Http;
global using Xunit;
