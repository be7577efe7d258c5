// A tiny component library of our own, written for the custom_library example: one
// `Badge` component in the namespace `demo_components`. A real library ships a bundle
// built by its own toolchain; the renderer only needs `window.<namespace>.<Type>`.
(function () {
    var h = window.React.createElement;

    function Badge(props) {
        var colors = { blue: '#1f77b4', green: '#2ca02c' };
        return h(
            'div',
            {
                id: props.id,
                className: 'demo-badge',
                style: {
                    display: 'inline-block',
                    padding: '0.5em 1em',
                    borderRadius: '1em',
                    color: 'white',
                    cursor: 'pointer',
                    background: colors[props.color] || '#888',
                },
                onClick: function () {
                    props.setProps({ n_clicks: (props.n_clicks || 0) + 1 });
                },
            },
            h('strong', null, props.label),
            ' ',
            props.children,
            props.footer ? h('div', { className: 'demo-badge-footer' }, props.footer) : null
        );
    }

    window.demo_components = { Badge: Badge };
})();
