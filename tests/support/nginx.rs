//! nginx, from Debian's package, run by a test with a configuration of its own on a free
//! loopback port (never the machine's own nginx, nor port 80).

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use crate::{DEADLINE, free_port, kill_tree, wait_until};

/// The deployment guide's nginx file for replicas under `/sales/`
/// (`deploy/nginx/dash.conf`).
pub const DEPLOYED: &str = include_str!("../../deploy/nginx/dash.conf");

/// The deployment guide's nginx file for an app at `/` published under `/sales/`
/// (`deploy/nginx/dash-stripped.conf`).
pub const STRIPPED: &str = include_str!("../../deploy/nginx/dash-stripped.conf");

/// An nginx master process and its workers, stopped when dropped.
pub struct Nginx {
    /// `http://127.0.0.1:<port>`.
    pub url: String,
    dir: tempfile::TempDir,
    child: Child,
}

impl Nginx {
    /// Runs a file of the deployment guide ([`DEPLOYED`], [`STRIPPED`]) with its upstream
    /// servers replaced by `replicas` (`127.0.0.1:<port>` each), its listening address by
    /// a free loopback port, and its access log moved to a folder of the test's own. Waits
    /// until it answers.
    pub fn deployed(file: &str, replicas: &[String]) -> Nginx {
        let mut lines = Vec::new();
        let mut placed = false;
        let port = free_port();
        for line in file.lines() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("server 127.0.0.1:") {
                // The three upstream lines become one per replica.
                if !placed {
                    let settings = trimmed.split_once(' ').map_or("", |(_, rest)| rest);
                    let settings = settings.split_once(' ').map_or(";", |(_, rest)| rest);
                    for replica in replicas {
                        lines.push(format!("    server {replica} {settings}"));
                    }
                    placed = true;
                }
            } else if trimmed.starts_with("listen ") {
                lines.push(format!("    listen 127.0.0.1:{port};"));
            } else {
                lines.push(line.replace("/var/log/nginx/", "logs/"));
            }
        }
        assert!(
            placed,
            "deploy/nginx/dash.conf lists its replicas as `server 127.0.0.1:...`"
        );
        Nginx::start(&lines.join("\n"), port)
    }

    /// Runs nginx with `http` holding the `http`-level configuration, listening on `port`.
    pub fn start(http: &str, port: u16) -> Nginx {
        let dir = tempfile::tempdir().expect("a folder for nginx");
        // Its workers run as another user when the test runs as root: they must reach
        // the temporary folders nginx makes there.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755))
                .expect("open the folder to nginx's workers");
        }
        std::fs::create_dir(dir.path().join("logs")).expect("nginx's log folder");
        let main = "worker_processes 1;\n\
             pid nginx.pid;\n\
             error_log logs/error.log warn;\n\
             events { worker_connections 1024; }\n\
             http {\n\
             access_log logs/access.log;\n\
             client_body_temp_path temp/body;\n\
             proxy_temp_path temp/proxy;\n\
             fastcgi_temp_path temp/fastcgi;\n\
             uwsgi_temp_path temp/uwsgi;\n\
             scgi_temp_path temp/scgi;\n\
             include dash.conf;\n\
             }\n";
        std::fs::create_dir(dir.path().join("temp")).expect("nginx's temporary folder");
        std::fs::write(dir.path().join("nginx.conf"), main).expect("write nginx.conf");
        std::fs::write(dir.path().join("dash.conf"), http).expect("write dash.conf");
        let prefix = format!("{}/", dir.path().display());
        let child = Command::new(nginx_binary())
            .args(["-p", &prefix, "-c", "nginx.conf", "-e", "stderr"])
            .args(["-g", "daemon off;"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .expect("nginx must be installed for these tests (scripts/test installs it)");
        // Stopped when dropped, should the wait below fail.
        let mut nginx = Nginx {
            url: format!("http://127.0.0.1:{port}"),
            dir,
            child,
        };
        let errors = nginx.dir.path().join("logs/error.log");
        let error_log = || std::fs::read_to_string(&errors).unwrap_or_default();
        wait_until(
            &format!("nginx to listen on port {port}"),
            DEADLINE,
            || {
                if let Ok(Some(status)) = nginx.child.try_wait() {
                    panic!("nginx exited at start: {status}; {}", error_log());
                }
                std::net::TcpStream::connect(("127.0.0.1", port))
                    .ok()
                    .map(|_| ())
            },
            error_log,
        );
        nginx
    }

    /// The lines of the access log named `name` in the configuration's `logs/` folder.
    pub fn access_log(&self, name: &str) -> Vec<String> {
        std::fs::read_to_string(self.dir.path().join("logs").join(name))
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// nginx's own error log, for failure messages.
    pub fn error_log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("logs/error.log")).unwrap_or_default()
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        kill_tree(&mut self.child);
    }
}

/// Debian's nginx: on the PATH, or in /usr/sbin (not on a normal user's PATH).
fn nginx_binary() -> PathBuf {
    let on_path = std::env::var_os("PATH").into_iter().flat_map(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("nginx"))
            .collect::<Vec<_>>()
    });
    on_path
        .chain([PathBuf::from("/usr/sbin/nginx")])
        .find(|path| path.is_file())
        .unwrap_or_else(|| PathBuf::from("nginx"))
}
