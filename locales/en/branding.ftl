# The look of Retning: the header's navigation and the municipality's own colour.

branding-nav-strategy = Strategy
branding-nav-more = More
branding-nav-menu = Menu
