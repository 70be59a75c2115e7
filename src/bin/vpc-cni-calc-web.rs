//! The web entry point: a panic hook that shows a banner instead of a dead page, then mount `App`.

fn main() {
    std::panic::set_hook(Box::new(|info| {
        vpc_cni_calc::ui::browser::show_panic_banner(&info.to_string())
    }));
    vpc_cni_calc::ui::browser::mount();
}
