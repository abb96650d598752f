//! Reading refused calls: which error codes mean "authorization refused", and which action (and
//! resource) an AccessDenied message names. The message matters because the refused action is not
//! always the one the event name suggests (a dependent action such as `iam:PassRole` during
//! `ec2:RunInstances`, or `kms:Decrypt` behind an S3 read).

/// Error codes that mean "authorization refused".
pub fn is_denial(error_code: &str) -> bool {
    error_code.contains("AccessDenied") || error_code.contains("UnauthorizedOperation") || error_code.contains("Unauthorized") || error_code == "Forbidden"
}

/// The action named in an AccessDenied message: `... is not authorized to perform: iam:ListRoles
/// on resource: ...`. EC2's bare "You are not authorized to perform this operation." names none.
pub fn action_in_denial_message(message: &str) -> Option<&str> {
    let rest = &message[message.find("to perform: ")? + "to perform: ".len()..];
    let action = rest.split(|c: char| c.is_whitespace() || c == ',' || c == ';').next()?;
    let (service, name) = action.split_once(':')?;
    let valid = !service.is_empty()
        && !name.is_empty()
        && service.bytes().all(|byte| byte.is_ascii_alphanumeric() || byte == b'-')
        && name.bytes().all(|byte| byte.is_ascii_alphanumeric());
    valid.then_some(action)
}

/// The resource named in an AccessDenied message (`... on resource: arn:aws:iam::1:role/r`), when
/// it is one exact ARN: services print patterns such as `instance/*` or `*` when the resource is
/// not known yet, and a pattern is not a fact about the call.
pub fn resource_in_denial_message(message: &str) -> Option<&str> {
    let rest = &message[message.find("on resource: ")? + "on resource: ".len()..];
    let resource = rest.split(|c: char| c.is_whitespace() || c == ',' || c == ';').next()?;
    let resource = resource.trim_end_matches('.');
    let exact = resource.starts_with("arn:") && !resource.contains('*') && !resource.contains('?') && resource.matches(':').count() >= 5;
    exact.then_some(resource)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn denial_messages_name_the_action_and_resource() {
        let message = "User: arn:aws:iam::1:user/a is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::1:role/stratus";
        assert_eq!(action_in_denial_message(message), Some("sts:AssumeRole"));
        assert_eq!(resource_in_denial_message(message), Some("arn:aws:iam::1:role/stratus"));
        let ec2 = "You are not authorized to perform this operation. User: arn:aws:sts::1:assumed-role/r/s is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:eu-west-1:1:instance/* because no identity-based policy allows the ec2:RunInstances action. Encoded authorization failure message: x";
        assert_eq!(action_in_denial_message(ec2), Some("ec2:RunInstances"));
        assert_eq!(resource_in_denial_message(ec2), None);
        assert_eq!(resource_in_denial_message("... on resource: * because no identity-based policy allows it"), None);
        assert_eq!(action_in_denial_message("You are not authorized to perform this operation. Encoded authorization failure message: x"), None);
        assert_eq!(action_in_denial_message("not authorized to perform: s3:Get*Object on resource"), None);
    }

    #[test]
    fn denial_codes_are_recognised() {
        for code in ["AccessDenied", "AccessDeniedException", "Client.UnauthorizedOperation", "VpceAccessDenied", "UnauthorizedException", "Forbidden"] {
            assert!(is_denial(code), "{code}");
        }
        for code in ["NoSuchKey", "ThrottlingException", "ValidationException", ""] {
            assert!(!is_denial(code), "{code}");
        }
    }
}
