//! API Gateway management calls. IAM authorises them by HTTP verb (`apigateway:GET`, `POST`,
//! `PUT`, `PATCH`, `DELETE`) on path-style ARNs (`arn:aws:apigateway:eu-west-1::/restapis/a1/stages/prod`),
//! so the event name gives the verb and the request parameters give the path. The verbs follow the
//! REST API's own routes (iam-dataset facts: `Get*` GET, `Create*` POST, `Update*` PATCH, `Delete*`
//! DELETE, `Put*` PUT, with the few exceptions below); newer operations that IAM names directly
//! (`apigateway:CreatePortal`) never reach this module.

use super::request::RequestView;

/// Whether an action is one of IAM's HTTP-verb actions (`apigateway:GET`...).
pub(super) fn is_verb_action(action: &str) -> bool {
    matches!(action, "apigateway:GET" | "apigateway:POST" | "apigateway:PUT" | "apigateway:PATCH" | "apigateway:DELETE")
}

/// The HTTP verb action of an API Gateway operation, or `None` for a name that fits no route.
pub(super) fn verb_action(event_name: &str, request: &RequestView<'_>) -> Option<&'static str> {
    let verb = match event_name {
        // Version 1 tags by PUT /tags/{arn}, version 2 by POST /v2/tags/{arn}.
        "TagResource" => match request.string("resourceArn") {
            Some(arn) if arn.contains("/apis/") || arn.contains("/vpclinks/") => "POST",
            _ => "PUT",
        },
        "ImportRestApi" | "ImportApiKeys" | "GenerateClientCertificate" => "POST",
        "ImportDocumentationParts" | "ImportApi" | "ReimportApi" | "PutRestApi" => "PUT",
        "ExportApi" => "GET",
        "FlushStageCache" | "FlushStageAuthorizersCache" | "ResetAuthorizersCache" | "UntagResource" => "DELETE",
        _ if event_name.starts_with("Get") => "GET",
        _ if event_name.starts_with("Create") || event_name.starts_with("TestInvoke") => "POST",
        _ if event_name.starts_with("Update") => "PATCH",
        _ if event_name.starts_with("Delete") => "DELETE",
        _ if event_name.starts_with("Put") => "PUT",
        _ => return None,
    };
    Some(match verb {
        "GET" => "apigateway:GET",
        "POST" => "apigateway:POST",
        "PUT" => "apigateway:PUT",
        "PATCH" => "apigateway:PATCH",
        _ => "apigateway:DELETE",
    })
}

/// A route: the singular noun of the operation (`Stage` for `GetStage`, `GetStages`,
/// `CreateStage`), the collection path with `{member}` placeholders, and the member that names one
/// item of the collection.
type Route = (&'static str, &'static str, Option<&'static str>);

/// Routes of REST APIs (version 1), used when the request has `restApiId` or no API id at all.
const REST_ROUTES: &[Route] = &[
    ("RestApi", "/restapis", Some("restApiId")),
    ("Resource", "/restapis/{restApiId}/resources", Some("resourceId")),
    ("Method", "/restapis/{restApiId}/resources/{resourceId}/methods", Some("httpMethod")),
    ("MethodResponse", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/responses", Some("statusCode")),
    ("Integration", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/integration", None),
    ("IntegrationResponse", "/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/integration/responses", Some("statusCode")),
    ("Stage", "/restapis/{restApiId}/stages", Some("stageName")),
    ("Deployment", "/restapis/{restApiId}/deployments", Some("deploymentId")),
    ("Authorizer", "/restapis/{restApiId}/authorizers", Some("authorizerId")),
    ("Model", "/restapis/{restApiId}/models", Some("modelName")),
    ("RequestValidator", "/restapis/{restApiId}/requestvalidators", Some("requestValidatorId")),
    ("GatewayResponse", "/restapis/{restApiId}/gatewayresponses", Some("responseType")),
    ("DocumentationPart", "/restapis/{restApiId}/documentation/parts", Some("documentationPartId")),
    ("DocumentationVersion", "/restapis/{restApiId}/documentation/versions", Some("documentationVersion")),
    ("ApiKey", "/apikeys", Some("apiKey")),
    ("UsagePlan", "/usageplans", Some("usagePlanId")),
    ("UsagePlanKey", "/usageplans/{usagePlanId}/keys", Some("keyId")),
    ("DomainName", "/domainnames", Some("domainName")),
    ("BasePathMapping", "/domainnames/{domainName}/basepathmappings", Some("basePath")),
    ("VpcLink", "/vpclinks", Some("vpcLinkId")),
    ("ClientCertificate", "/clientcertificates", Some("clientCertificateId")),
    ("Account", "/account", None),
];

/// Routes of HTTP and WebSocket APIs (version 2), used when the request has `apiId`.
const HTTP_ROUTES: &[Route] = &[
    ("Api", "/apis", Some("apiId")),
    ("Route", "/apis/{apiId}/routes", Some("routeId")),
    ("RouteResponse", "/apis/{apiId}/routes/{routeId}/routeresponses", Some("routeResponseId")),
    ("Integration", "/apis/{apiId}/integrations", Some("integrationId")),
    ("IntegrationResponse", "/apis/{apiId}/integrations/{integrationId}/integrationresponses", Some("integrationResponseId")),
    ("Stage", "/apis/{apiId}/stages", Some("stageName")),
    ("Deployment", "/apis/{apiId}/deployments", Some("deploymentId")),
    ("Authorizer", "/apis/{apiId}/authorizers", Some("authorizerId")),
    ("Model", "/apis/{apiId}/models", Some("modelId")),
    ("ApiMapping", "/domainnames/{domainName}/apimappings", Some("apiMappingId")),
    ("DomainName", "/domainnames", Some("domainName")),
    ("VpcLink", "/vpclinks", Some("vpcLinkId")),
];

const VERB_PREFIXES: &[&str] = &["Get", "Create", "Update", "Delete", "Put", "Import", "Reimport", "Export"];

/// The path of the resource an operation acts on (`/restapis/a1/resources/r2`), when the request
/// names every part of it.
pub(super) fn resource_path(event_name: &str, request: &RequestView<'_>) -> Option<String> {
    let verb = VERB_PREFIXES.iter().find(|verb| event_name.starts_with(**verb))?;
    let noun = &event_name[verb.len()..];
    let routes = if request.string("apiId").is_some() { HTTP_ROUTES } else { REST_ROUTES };
    let (route, is_collection) = match routes.iter().find(|(singular, _, _)| *singular == noun) {
        Some(route) => (route, matches!(*verb, "Create" | "Import")),
        None => (routes.iter().find(|(singular, _, _)| noun.strip_suffix('s') == Some(*singular))?, true),
    };
    let (_, collection, member) = route;
    let mut path = fill(collection, request)?;
    if let (false, Some(member)) = (is_collection, member) {
        path.push('/');
        path.push_str(&request.string(member)?);
    }
    Some(path)
}

/// Replaces each `{member}` with the request's value; `None` when one is missing.
fn fill(template: &str, request: &RequestView<'_>) -> Option<String> {
    let mut path = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        path.push_str(&rest[..open]);
        let close = rest[open..].find('}')? + open;
        let value = request.string(&rest[open + 1..close])?;
        if value.contains('/') && !rest[..open].ends_with("/domainnames/") {
            return None;
        }
        path.push_str(&value);
        rest = &rest[close + 1..];
    }
    path.push_str(rest);
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::value::RawValue;

    fn view(text: &str) -> RequestView<'_> {
        let raw: &RawValue = serde_json::from_str(text).unwrap();
        RequestView::parse(Some(raw))
    }

    #[test]
    fn verbs_follow_the_rest_routes() {
        let empty = view("{}");
        let table = [
            ("GetResource", Some("apigateway:GET")),
            ("GetRestApis", Some("apigateway:GET")),
            ("CreateDeployment", Some("apigateway:POST")),
            ("UpdateStage", Some("apigateway:PATCH")),
            ("DeleteRestApi", Some("apigateway:DELETE")),
            ("PutIntegration", Some("apigateway:PUT")),
            ("FlushStageCache", Some("apigateway:DELETE")),
            ("ImportRestApi", Some("apigateway:POST")),
            ("ImportApi", Some("apigateway:PUT")),
            ("ExportApi", Some("apigateway:GET")),
            ("TestInvokeMethod", Some("apigateway:POST")),
            ("TagResource", Some("apigateway:PUT")),
            ("UntagResource", Some("apigateway:DELETE")),
            ("SetWebACL", None),
        ];
        for (event, expected) in table {
            assert_eq!(verb_action(event, &empty), expected, "{event}");
        }
        assert_eq!(verb_action("TagResource", &view(r#"{"resourceArn":"arn:aws:apigateway:eu-west-1::/apis/a1"}"#)), Some("apigateway:POST"));
    }

    #[test]
    fn paths_come_from_the_request() {
        let resource = view(r#"{"restApiId":"3rbEXAMPLE","resourceId":"5tfEXAMPLE","template":false}"#);
        assert_eq!(resource_path("GetResource", &resource).as_deref(), Some("/restapis/3rbEXAMPLE/resources/5tfEXAMPLE"));
        assert_eq!(resource_path("GetResources", &resource).as_deref(), Some("/restapis/3rbEXAMPLE/resources"));
        assert_eq!(resource_path("CreateResource", &resource).as_deref(), Some("/restapis/3rbEXAMPLE/resources"));
        assert_eq!(resource_path("GetRestApi", &resource).as_deref(), Some("/restapis/3rbEXAMPLE"));
        assert_eq!(resource_path("GetRestApis", &view("{}")).as_deref(), Some("/restapis"));
        assert_eq!(resource_path("GetStage", &resource), None, "no stage name: not derivable");
        let method = view(r#"{"restApiId":"a","resourceId":"r","httpMethod":"GET","statusCode":"200"}"#);
        assert_eq!(resource_path("PutIntegrationResponse", &method).as_deref(), Some("/restapis/a/resources/r/methods/GET/integration/responses/200"));
        assert_eq!(resource_path("UpdateIntegration", &method).as_deref(), Some("/restapis/a/resources/r/methods/GET/integration"));
        let http = view(r#"{"apiId":"h1","routeId":"r9","stageName":"$default"}"#);
        assert_eq!(resource_path("GetRoute", &http).as_deref(), Some("/apis/h1/routes/r9"));
        assert_eq!(resource_path("DeleteStage", &http).as_deref(), Some("/apis/h1/stages/$default"));
        assert_eq!(resource_path("GetAccount", &view("{}")).as_deref(), Some("/account"));
        assert_eq!(resource_path("SetWebACL", &resource), None);
        assert_eq!(resource_path("GetResource", &view(r#"{"restApiId":"a/b","resourceId":"r"}"#)), None, "ids never hold slashes");
    }
}
