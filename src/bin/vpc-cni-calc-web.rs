//! The web entry point: mount `App`. A panic traps, and `www/main.js` shows the banner.

fn main() {
    vpc_cni_calc::ui::browser::mount();
}
