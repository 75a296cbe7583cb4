//! Reading an `.eml` draft back with a real mail library (Python's `email`
//! package, strict policy), as a mail program would.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

const READ: &str = r#"
import email, email.policy, json, sys, base64
with open(sys.argv[1], 'rb') as f:
    msg = email.message_from_binary_file(f, policy=email.policy.strict)
body = msg.get_body(preferencelist=('plain',))
out = {
    'from': str(msg['From'] or ''),
    'reply_to': str(msg['Reply-To'] or ''),
    'to': [{'name': a.display_name, 'email': a.addr_spec} for a in msg['To'].addresses],
    'subject': str(msg['Subject']),
    'x_unsent': str(msg['X-Unsent'] or ''),
    'date': str(msg['Date'] or ''),
    'body': body.get_content() if body is not None else None,
    'attachments': [],
}
for part in msg.iter_attachments():
    out['attachments'].append({
        'filename': part.get_filename(),
        'type': part.get_content_type(),
        'data': base64.b64encode(part.get_payload(decode=True)).decode(),
    })
print(json.dumps(out))
"#;

/// The draft's headers, plain-text body and attachments (base64 data).
pub fn read_eml(path: &Path) -> Value {
    let out = Command::new("python3")
        .args(["-c", READ])
        .arg(path)
        .output()
        .expect("python3 reads the draft");
    assert!(
        out.status.success(),
        "{} does not parse as an email: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON from the reader")
}
