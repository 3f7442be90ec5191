# The look of Retning: the header's navigation and the municipality's own colour.

branding-nav-strategy = Strategi
branding-nav-more = Mere
branding-nav-menu = Menu
