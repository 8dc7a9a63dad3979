//! The `validator` and `garde` features: their error types become `Violations`, nested
//! structs as `address.zip` and list items as `items[2].sku`.

use errcat::Violations;

mod with_validator {
    use super::Violations;
    use validator::Validate;

    #[derive(Validate)]
    struct Address {
        #[validate(length(min = 5, max = 5))]
        zip: String,
    }

    #[derive(Validate)]
    struct Item {
        #[validate(length(min = 1, message = "must not be blank"))]
        sku: String,
        #[validate(range(min = 1))]
        quantity: u32,
    }

    #[derive(Validate)]
    struct Order {
        #[validate(email)]
        email: String,
        #[validate(nested)]
        address: Address,
        #[validate(nested)]
        items: Vec<Item>,
        #[validate(url)]
        website: String,
    }

    #[test]
    fn test_nested_and_list_fields_with_messages() {
        let order = Order {
            email: "nope".into(),
            address: Address { zip: "123".into() },
            items: vec![
                Item {
                    sku: "A".into(),
                    quantity: 1,
                },
                Item {
                    sku: String::new(),
                    quantity: 0,
                },
            ],
            website: "not a url".into(),
        };
        let violations = Violations::from(order.validate().unwrap_err());
        let rows: Vec<(&str, &str, &str)> = violations
            .iter()
            .map(|v| (v.field.as_str(), &*v.code, &*v.message))
            .collect();
        assert_eq!(
            rows,
            [
                ("address.zip", "length", "size must be 5"),
                ("email", "email", "must be a well-formed email address"),
                ("items[1].quantity", "range", "must be at least 1"),
                ("items[1].sku", "length", "must not be blank"),
                ("website", "url", "must be a valid URL"),
            ]
        );
    }
}

mod with_garde {
    use super::Violations;
    use garde::Validate;

    #[derive(Validate)]
    struct Item {
        #[garde(length(min = 1))]
        sku: String,
    }

    #[derive(Validate)]
    struct Order {
        #[garde(length(min = 3))]
        customer_name: String,
        #[garde(dive)]
        items: Vec<Item>,
        #[garde(range(min = 1))]
        total: u32,
    }

    #[test]
    fn test_order_paths_and_messages_as_garde_reports_them() {
        let order = Order {
            customer_name: "Al".into(),
            items: vec![Item { sku: "a".into() }, Item { sku: String::new() }],
            total: 0,
        };
        let report = order.validate().unwrap_err();
        let violations = Violations::from(&report);
        let rows: Vec<(&str, &str)> = violations
            .iter()
            .map(|v| (v.field.as_str(), &*v.code))
            .collect();
        assert_eq!(
            rows,
            [
                ("customer_name", "invalid"),
                ("items[1].sku", "invalid"),
                ("total", "invalid")
            ]
        );
        let messages: Vec<String> = report.iter().map(|(_, e)| e.message().to_owned()).collect();
        let ours: Vec<&str> = violations.iter().map(|v| &*v.message).collect();
        assert_eq!(ours, messages);
    }
}
